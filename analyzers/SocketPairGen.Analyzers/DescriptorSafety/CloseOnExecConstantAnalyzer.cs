using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0009: a constant named for a close-on-exec flag (<see cref="LinuxFlags.CloseOnExecNames"/>, alone or after a
/// prefix: <c>LINUX_O_CLOEXEC</c>) whose value is not that flag's on Linux, nor its value on another system
/// (<c>O_CLOEXEC = 0x1000000</c> is macOS's, not a mistake). A <c>const</c> field or local, an enum member, a static
/// property returning a constant, or a <c>static readonly</c> field set by its initializer. Reported on the value,
/// where it is written: a constant defined as another lying constant is not reported again. The other rules never
/// count such a constant as the flag (<see cref="FoldedValue"/>).
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class CloseOnExecConstantAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The key of the diagnostic property that holds the flag's Linux value as C# source, for the code fix.</summary>
    public const string LinuxValueKey = "LinuxValue";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CloseOnExecConstantWrongValue];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(AnalyzeMember, SymbolKind.Field, SymbolKind.Property);
        // A syntax action, not an operation action on every declarator: only a `const` local with a flag's name ever
        // reaches the semantic model, and this rule never makes the compiler build operation trees for other locals.
        context.RegisterSyntaxNodeAction(AnalyzeLocal, Microsoft.CodeAnalysis.CSharp.SyntaxKind.LocalDeclarationStatement);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context)
    {
        ISymbol member = context.Symbol;
        if (LinuxFlags.CloseOnExecNameOf(member.Name) is null || WrittenValue(member) is not { } written)
        {
            return;
        }

        // Nearly every such constant is an honest literal: that is settled from the text alone, before the compiler is
        // asked for the member's value or its platform attributes.
        if (ConstantSyntax.Literal(written) is long literal && LinuxFlags.Judge(member.Name, literal) != NamedValue.Lie)
        {
            return;
        }

        FoldedValue? declared = ConstantSyntax.Evaluate(written, member, context.Compilation, depth: 1);
        long? value = member is IFieldSymbol { HasConstantValue: true } constant ? ConstantValues.ToInt64(constant.ConstantValue) : declared?.Value;
        if (value is long known && declared?.Lie != true && LinuxFlags.Judge(member.Name, known) == NamedValue.Lie && !PlatformScope.IsOnlyElsewhere(member))
        {
            Report(context.ReportDiagnostic, member.Name, known, written.GetLocation());
        }
    }

    private static void AnalyzeLocal(SyntaxNodeAnalysisContext context)
    {
        var statement = (LocalDeclarationStatementSyntax)context.Node;
        if (!statement.IsConst)
        {
            return;
        }

        foreach (VariableDeclaratorSyntax variable in statement.Declaration.Variables)
        {
            if (LinuxFlags.CloseOnExecNameOf(variable.Identifier.ValueText) is null
                || context.SemanticModel.GetOperation(variable, context.CancellationToken) is not IVariableDeclaratorOperation declarator
                || declarator.Initializer?.Value is not { } initializer
                || ConstantValues.ToInt64(declarator.Symbol.ConstantValue) is not long value
                || ConstantValues.Fold(initializer)?.Lie == true
                || PlatformScope.IsOnlyElsewhere(declarator))
            {
                continue;
            }

            Report(context.ReportDiagnostic, declarator.Symbol.Name, value, initializer.Syntax.GetLocation());
        }
    }

    private static void Report(System.Action<Diagnostic> report, string name, long value, Location location)
    {
        if (LinuxFlags.Judge(name, value) != NamedValue.Lie)
        {
            return;
        }

        string flag = LinuxFlags.CloseOnExecNameOf(name)!;
        long linux = LinuxFlags.CloseOnExecNames[flag];
        var properties = ImmutableDictionary<string, string?>.Empty.Add(LinuxValueKey, Source(linux));
        report(Diagnostic.Create(Descriptors.CloseOnExecConstantWrongValue, location, properties, name, Hex(value), flag, Hex(linux)));
    }

    /// <summary>The expression that gives the member its value, when the member is a constant written in source.</summary>
    private static ExpressionSyntax? WrittenValue(ISymbol member) => member switch
    {
        IFieldSymbol { IsConst: true } or IFieldSymbol { IsStatic: true, IsReadOnly: true } when member.DeclaringSyntaxReferences.Length == 1 =>
            member.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                EnumMemberDeclarationSyntax enumMember => enumMember.EqualsValue?.Value,
                _ => null,
            },
        IPropertySymbol { IsStatic: true, SetMethod: null } property => ConstantMembers.ReturnedExpression(property),
        _ => null,
    };

    private static string Hex(long value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    /// <summary>How the fix writes a flag's value: small numbers and fcntl commands in decimal, bit masks in hex.</summary>
    private static string Source(long value) => value < 0x1000 ? value.ToString(CultureInfo.InvariantCulture) : Hex(value);
}
