using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SocketPairGen.Analyzers.Tests.Corpus;
using Xunit.Abstractions;

namespace SocketPairGen.Analyzers.Tests.Cost;

/// <summary>
/// The sources the cost measurement builds, checked in memory (fast, always run): they compile, and every
/// descriptor-safety analyzer finds work in them, so the measured time is that of analyzers that ran.
/// </summary>
public class GeneratedConsumerSourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FirstFiftyFiles_CompileAndExerciseEveryDescriptorAnalyzer()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        List<SyntaxTree> trees = Enumerable.Range(0, 50)
            .Select(i => CSharpSyntaxTree.ParseText(ConsumerSourceGenerator.File(i), parseOptions, path: $"Module{i:D3}.cs"))
            .ToList();
        trees.Add(CSharpSyntaxTree.ParseText("global using System;", parseOptions, path: "GlobalUsings.g.cs"));
        trees.AddRange(CorpusTests.LibraryImportImplementations(trees).ToList()
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"LibraryImports{i}.g.cs")));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "GeneratedConsumer",
            trees,
            [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(CorpusTests.AllAnalyzers()).GetAnalyzerDiagnosticsAsync();
        Dictionary<string, int> byId = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", byId.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")));

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(["SPG0004", "SPG0008", "SPG0010", "SPG0021"], byId.Keys.Order(StringComparer.Ordinal));
        // Each mistake in one file in 25: files 5 and 30 (fcntl afterwards), 10 and 35 (early return), 0 and 25
        // (SO_PEERCRED); every other descriptor is created with the flag and closed on every path.
        Assert.Equal(2, byId["SPG0004"]);
        Assert.Equal(2, byId["SPG0008"]);
        Assert.Equal(2, byId["SPG0021"]);
        Assert.Equal(2, byId["SPG0010"]);
        Assert.Equal(2, diagnostics.Count(d => d.Id == "SPG0010" && d.GetMessage().Contains("every path", StringComparison.Ordinal)));
    }
}
