using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0010: after <c>int fd = open(...);</c> (a local declaration statement of a block, one declarator) inserts
/// <c>using var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((nint)fd, ownsHandle: true);</c>
/// (<c>System.Net.Sockets.SafeSocketHandle</c> for <c>socket</c>, <c>accept</c> and <c>accept4</c> where the framework
/// has it). Before C# 9 the cast is to <c>System.IntPtr</c>; before C# 8 the rest of the block moves into
/// <c>using (var fdHandle = ...) { ... }</c> (not offered when the rest holds a local function or a label). When the method
/// already closes the descriptor on some paths with <c>close(fd);</c> statements, each becomes <c>fdHandle.Dispose();</c>
/// (it still closes there, and the handle does not close it again). Not offered for an assignment, an array, when
/// the handle's name is already used in the member, or when the descriptor is handed off on some path (the handle
/// would close what the new owner holds).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInSafeHandleCodeFixProvider))]
[Shared]
public sealed class WrapInSafeHandleCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SocketPairGen.WrapInSafeHandle";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.DescriptorLeaked.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Wrap '{plan.Local}' in a SafeHandle with using",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(Apply(root, plan))),
                EquivalenceKey),
            diagnostic);
    }

    /// <param name="Wrap">The handle's using declaration, or null to wrap the rest of the block in a using statement.</param>
    /// <param name="Header">The handle's declaration, for the using statement.</param>
    private sealed record FixPlan(
        LocalDeclarationStatementSyntax Declaration, string Local, StatementSyntax? Wrap, VariableDeclarationSyntax Header, ImmutableArray<ExpressionStatementSyntax> Closes, string Handle);

    private static SyntaxNode Apply(SyntaxNode root, FixPlan plan)
    {
        SyntaxNode tracked = root.TrackNodes([plan.Declaration, .. plan.Closes]);
        tracked = tracked.ReplaceNodes(
            plan.Closes.Select(close => tracked.GetCurrentNode(close)!),
            (original, _) => SyntaxFactory.ParseStatement($"{plan.Handle}.Dispose();").WithTriviaFrom(original));
        LocalDeclarationStatementSyntax declaration = tracked.GetCurrentNode(plan.Declaration)!;
        if (plan.Wrap is { } wrap)
        {
            return tracked.InsertNodesAfter(declaration, [wrap]);
        }

        var block = (BlockSyntax)declaration.Parent!;
        return tracked.ReplaceNode(block, UsingScope.Wrap(block, declaration, plan.Header, replace: false));
    }

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        string? releases = diagnostic.Properties.TryGetValue(LeakReleases.Property, out string? property) ? property : null;
        if (releases is not (LeakReleases.None or LeakReleases.CloseStatements)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call
            || LibcCall.FunctionName(call) is not { } function)
        {
            return null;
        }

        SyntaxNode value = invocation;
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Type: not RefTypeSyntax } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax, UsingKeyword.RawKind: 0, Modifiers.Count: 0 } statement)
        {
            return null;
        }

        string local = declarator.Identifier.ValueText;
        string handle = local + "Handle";
        SyntaxNode member = statement.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax) ?? root;
        if (member.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == handle)
            || !model.LookupSymbols(statement.SpanStart, name: handle).IsEmpty)
        {
            return null;
        }

        if (HandleType(model.Compilation, function) is not { } type)
        {
            return null;
        }

        // What the project's C# has: nint from C# 9, using declarations from C# 8, else a using statement over the rest.
        string pointer = UsingScope.HasNativeIntegers(statement.SyntaxTree) ? "nint" : "System.IntPtr";
        string handleDeclaration = $"var {handle} = new {type}(({pointer}){local}, ownsHandle: true)";
        VariableDeclarationSyntax header = ((LocalDeclarationStatementSyntax)SyntaxFactory.ParseStatement(handleDeclaration + ";")).Declaration;
        StatementSyntax? wrap = null;
        if (UsingScope.HasUsingDeclarations(statement.SyntaxTree))
        {
            SyntaxTriviaList indentation = SyntaxFactory.TriviaList(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault());
            SyntaxTrivia newLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            wrap = SyntaxFactory.ParseStatement($"using {handleDeclaration};")
                .WithLeadingTrivia(indentation)
                .WithTrailingTrivia(newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
        }
        else if (!UsingScope.RestCanMove(statement))
        {
            return null;
        }

        ImmutableArray<ExpressionStatementSyntax> closes = releases == LeakReleases.CloseStatements
            ? CloseStatements(member, model, model.GetDeclaredSymbol(declarator, cancellationToken), cancellationToken)
            : [];
        return new FixPlan(statement, local, wrap, header, closes, handle);
    }

    /// <summary>
    /// The handle to own the descriptor: <c>SafeSocketHandle</c> for a socket where the framework has it (not in
    /// netstandard2.0 nor .NET Framework), else <c>SafeFileHandle</c>, which closes any descriptor the same way.
    /// </summary>
    private static string? HandleType(Compilation compilation, string function)
    {
        if (function is "socket" or "accept" or "accept4" && compilation.GetTypeByMetadataName("System.Net.Sockets.SafeSocketHandle") is not null)
        {
            return "System.Net.Sockets.SafeSocketHandle";
        }

        return compilation.GetTypeByMetadataName("Microsoft.Win32.SafeHandles.SafeFileHandle") is not null
            ? "Microsoft.Win32.SafeHandles.SafeFileHandle"
            : null;
    }

    /// <summary>The <c>close(fd);</c> statements of the member that close <paramref name="local"/>.</summary>
    private static ImmutableArray<ExpressionStatementSyntax> CloseStatements(SyntaxNode member, SemanticModel model, ISymbol? local, CancellationToken cancellationToken)
    {
        var closes = ImmutableArray.CreateBuilder<ExpressionStatementSyntax>();
        foreach (ExpressionStatementSyntax statement in member.DescendantNodes().OfType<ExpressionStatementSyntax>())
        {
            if (statement.Expression is InvocationExpressionSyntax
                && model.GetOperation(statement.Expression, cancellationToken) is IInvocationOperation { Arguments.Length: 1 } close
                && LibcCall.FunctionName(close) == "close"
                && DescriptorPlace.Unwrap(close.Arguments[0].Value) is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                closes.Add(statement);
            }
        }

        return closes.ToImmutable();
    }
}
