using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Generator;

namespace SocketPairGen.Analyzers.Tests.Docs;

/// <summary>
/// The code fixes of one rule applied to a page's flagged example in <see cref="ExampleCompilation"/>'s project, one
/// diagnostic at a time and by Fix All: the result must be the page's fixed example (or, when the page says the fix is
/// not offered, the example itself). Other rules of the same analyzers are off.
/// </summary>
internal sealed class ExampleFixTest : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider, DefaultVerifier>
{
    private readonly string _id;

    public ExampleFixTest(string id, string flagged, string fixedSource, IEnumerable<Diagnostic> expected)
    {
        _id = id;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = flagged;
        FixedCode = fixedSource;
        foreach (SolutionState state in new[] { TestState, FixedState })
        {
            state.AdditionalReferences.AddRange(ExampleCompilation.References);
            foreach ((string name, string text) in ExampleCompilation.OtherFiles(flagged))
            {
                state.Sources.Add((name, text));
            }
        }

        // The examples compile (DocsExamplesTests checks it), but for [LibraryImport] bodies, which no generator writes here.
        CompilerDiagnostics = CompilerDiagnostics.None;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        DisabledDiagnostics.AddRange(GetDiagnosticAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Where(other => other != id).Distinct());
        ExpectedDiagnostics.AddRange(expected.Select(Result));
        if (flagged == fixedSource)
        {
            FixedState.ExpectedDiagnostics.AddRange(expected.Select(Result));
        }
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ExampleCompilation.AnalyzersOf(_id);

    protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => ExampleCompilation.FixesOf(_id);

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SocketPairGenerator)];

    protected override CompilationOptions CreateCompilationOptions() => ExampleCompilation.Options(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => ExampleCompilation.Parse(base.CreateParseOptions());

    private static DiagnosticResult Result(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        return new DiagnosticResult(diagnostic.Id, diagnostic.Severity)
            .WithSpan(span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
    }
}
