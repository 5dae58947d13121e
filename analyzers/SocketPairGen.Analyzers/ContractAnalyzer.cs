using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SocketPairGen.Generator.Parsing;

namespace SocketPairGen.Analyzers;

/// <summary>
/// The contract rules SPG0100-SPG0112: everything that keeps a <c>[SocketPairChannel]</c> type from becoming a
/// channel. It runs the generator's parser and reports each problem the parser finds at its narrowest location,
/// so the generator skips exactly what this analyzer flags.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractAnalyzer : DiagnosticAnalyzer
{
    private const string AttributeName = "SocketPairGen.SocketPairChannelAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [.. Descriptors.ContractRules.Values];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation without the runtime has no contracts to check.
            if (start.Compilation.GetTypeByMetadataName(AttributeName) is not { } attribute)
            {
                return;
            }

            var known = new KnownTypes(start.Compilation); // looked up once per compilation
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, attribute, known), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attribute, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (IsContract(type, attribute))
        {
            AnalyzeContract(context, type, known);
        }
        else if (ContainsContract(type, attribute))
        {
            // A type that holds a contract must be partial too. Reported from this type's own action, so the
            // diagnostic is local to the declaration it sits on (the IDE shows it while typing and offers the fix),
            // and once however many contracts it holds.
            foreach (Location location in ContractParser.NonPartialDeclarations(type))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotPartial, location, type.Name));
            }
        }
    }

    private static void AnalyzeContract(SymbolAnalysisContext context, INamedTypeSymbol contract, KnownTypes known)
    {
        var problems = new ProblemList();
        ContractParser.Parse(contract, context.Compilation, problems, context.CancellationToken, known);
        foreach ((string ruleId, Location? location, object[] arguments) in problems.Items)
        {
            if (ruleId == Descriptors.Ids.NotPartial && location is not null && !IsInside(location, contract))
            {
                continue; // a containing type's declaration: reported by that type's own action
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ContractRules[ruleId], location ?? contract.Locations.FirstOrDefault(), arguments));
        }
    }

    private static bool IsContract(INamedTypeSymbol type, INamedTypeSymbol attribute) =>
        type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    private static bool ContainsContract(INamedTypeSymbol type, INamedTypeSymbol attribute) =>
        type.GetTypeMembers().Any(nested => IsContract(nested, attribute) || ContainsContract(nested, attribute));

    private static bool IsInside(Location location, INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == location.SourceTree && r.Span.Contains(location.SourceSpan));
}
