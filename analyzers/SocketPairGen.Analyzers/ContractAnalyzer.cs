using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SocketPairGen.Generator.Parsing;

namespace SocketPairGen.Analyzers;

/// <summary>
/// The contract rules SPG0100-SPG0109: everything that keeps a <c>[SocketPairChannel]</c> type from becoming a
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

            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, attribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
        {
            return;
        }

        var problems = new ProblemList();
        ContractParser.Parse(type, context.Compilation, problems, context.CancellationToken);
        foreach ((string ruleId, Location? location, object[] arguments) in problems.Items)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ContractRules[ruleId], location ?? type.Locations.FirstOrDefault(), arguments));
        }
    }
}
