using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SocketPairGen.Generator;
using Xunit.Abstractions;

namespace SocketPairGen.Analyzers.Tests.Corpus;

/// <summary>
/// Every analyzer of the analyzer assembly over two folders of realistic interop code: <c>Correct</c> (the styles
/// people write, all of it right) must get no SPG diagnostic at all, and <c>Buggy</c> must get exactly the
/// diagnostics its <c>// expect: SPGnnnn</c> markers name, on their lines.
/// </summary>
[Trait("Category", "Corpus")]
public partial class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CorrectCorpus_NoDiagnostics()
    {
        CorpusResult result = await AnalyzeFolderAsync("Correct");

        string[] reported = result.Diagnostics.Select(Describe).ToArray();
        output.WriteLine($"Correct: {result.Files} files, {result.Lines} lines, {result.Calls} libc-style calls, {reported.Length} SPG diagnostics.");
        foreach (string diagnostic in reported)
        {
            output.WriteLine("  " + diagnostic);
        }

        Assert.Empty(result.CompilerErrors);
        Assert.True(result.Files >= 12, $"Only {result.Files} files in Correct.");
        Assert.Empty(reported);
    }

    [Fact]
    public async Task BuggyCorpus_ExactlyTheMarkedDiagnostics()
    {
        CorpusResult result = await AnalyzeFolderAsync("Buggy");

        List<string> expected = result.Sources
            .SelectMany(source => ExpectedDiagnostics(source.Name, source.Text))
            .Order(StringComparer.Ordinal)
            .ToList();
        List<string> reported = result.Diagnostics
            .Select(d => Entry(Path.GetFileName(d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .Order(StringComparer.Ordinal)
            .ToList();

        output.WriteLine($"Buggy: {result.Files} files, {result.Lines} lines, {result.Calls} libc-style calls, {expected.Count} expected and {reported.Count} reported SPG diagnostics.");
        foreach (IGrouping<string, string> byId in reported.GroupBy(r => r[(r.LastIndexOf(' ') + 1)..]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {byId.Key}: {byId.Count()}");
        }

        List<string> missing = expected.Except(reported).ToList();
        List<string> unexpected = reported.Except(expected).ToList();
        foreach (string entry in missing)
        {
            output.WriteLine("  missing (false negative): " + entry);
        }

        foreach (string entry in unexpected)
        {
            output.WriteLine("  unexpected (false positive): " + entry);
        }

        Assert.Empty(result.CompilerErrors);
        Assert.True(result.Files >= 8, $"Only {result.Files} files in Buggy.");
        Assert.Equal(expected, reported);
    }

    /// <summary>What analysing one folder gave.</summary>
    internal sealed record CorpusResult(
        IReadOnlyList<(string Name, string Text)> Sources,
        int Files,
        int Lines,
        int Calls,
        IReadOnlyList<Diagnostic> Diagnostics,
        IReadOnlyList<Diagnostic> CompilerErrors);

    /// <summary>
    /// Compiles every <c>*.cs.txt</c> of <paramref name="folder"/> into one compilation, with what the SocketPairGen
    /// generator writes for its channel contracts, and runs every analyzer on it.
    /// </summary>
    internal async Task<CorpusResult> AnalyzeFolderAsync(string folder)
    {
        List<(string Name, string Text)> sources = Directory
            .GetFiles(Path.Combine(ThisFolder(), folder), "*.cs.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path)[..^".txt".Length], File.ReadAllText(path)))
            .ToList();
        Assert.NotEmpty(sources);

        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        List<SyntaxTree> trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, path: s.Name))
            .ToList();
        trees.Add(CSharpSyntaxTree.ParseText(GlobalUsings, parseOptions, path: "GlobalUsings.g.cs"));
        trees.AddRange(LibraryImportImplementations(trees).ToList()
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"LibraryImports{i}.g.cs")));

        CSharpCompilation written = CSharpCompilation.Create(
            "Corpus" + folder,
            trees,
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Mono.Unix.Native.Syscall).Assembly.Location), // Mono.Posix.NETStandard, for its users' idioms
                MetadataReference.CreateFromFile(typeof(Tmds.Linux.LibC).Assembly.Location), // the real Tmds.LibC, for its users' idioms
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        Compilation compilation = WithGeneratedChannels(written, parseOptions);

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> analyzerDiagnostics = await compilation
            .WithAnalyzers(AllAnalyzers(), options)
            .GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, string.Join(Environment.NewLine, exceptions));

        List<Diagnostic> compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (Diagnostic error in compilerErrors)
        {
            output.WriteLine("  compiler error: " + error);
        }

        return new CorpusResult(
            sources,
            sources.Count,
            sources.Sum(s => s.Text.Split('\n').Length),
            sources.Sum(s => LibcCallCount(compilation, s.Name)),
            analyzerDiagnostics.Where(d => d.Id.StartsWith("SPG", StringComparison.Ordinal) || d.Id == "AD0001").ToList(),
            compilerErrors);
    }

    /// <summary>
    /// <paramref name="written"/> with what the SocketPairGen generator writes for its channel contracts (<c>Connect</c>,
    /// <c>ServeAsync</c>, the nested <c>Client</c>), as in a real project: the corpus's client code calls them.
    /// </summary>
    internal static Compilation WithGeneratedChannels(CSharpCompilation written, CSharpParseOptions parseOptions)
    {
        CSharpGeneratorDriver.Create(new SocketPairGenerator()).WithUpdatedParseOptions(parseOptions)
            .RunGeneratorsAndUpdateCompilation(written, out Compilation compilation, out _);
        return compilation;
    }

    /// <summary>Every exported analyzer of the analyzer assembly: a non-abstract <see cref="DiagnosticAnalyzer"/> with <see cref="DiagnosticAnalyzerAttribute"/>.</summary>
    internal static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers()
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(ContractAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.True(analyzers.Length >= 4, $"Found only {analyzers.Length} analyzers.");
        return analyzers;
    }

    /// <summary>The implicit usings of an SDK project (ImplicitUsings=enable).</summary>
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>
    /// What the LibraryImport generator would emit for each <c>[LibraryImport]</c> partial method (the compilation
    /// does not run it): an implementation part, one source each, so the corpus compiles. Containing types are repeated as unsafe partial (pointers in signatures).
    /// </summary>
    internal static IEnumerable<string> LibraryImportImplementations(IEnumerable<SyntaxTree> trees)
    {
        foreach (MethodDeclarationSyntax method in trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()))
        {
            if (method.Body is not null || method.ExpressionBody is not null || !method.Modifiers.Any(SyntaxKind.PartialKeyword)
                || !method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().EndsWith("LibraryImport", StringComparison.Ordinal)))
            {
                continue;
            }

            var builder = new System.Text.StringBuilder("#nullable enable\n");
            foreach (UsingDirectiveSyntax directive in method.SyntaxTree.GetCompilationUnitRoot().Usings)
            {
                builder.Append(directive.ToString()).Append('\n');
            }

            List<BaseNamespaceDeclarationSyntax> namespaces = method.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().ToList();
            List<TypeDeclarationSyntax> types = method.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().ToList();
            MethodDeclarationSyntax implementation = method
                .WithAttributeLists(default)
                .WithParameterList(method.ParameterList.WithParameters(SyntaxFactory.SeparatedList(
                    method.ParameterList.Parameters.Select(p => p.WithAttributeLists(default).WithDefault(null)))))
                .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(SyntaxFactory.ParseExpression("throw new global::System.PlatformNotSupportedException()")))
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
                .WithoutTrivia();
            foreach (BaseNamespaceDeclarationSyntax ns in namespaces)
            {
                builder.Append($"namespace {ns.Name} {{\n");
            }

            foreach (TypeDeclarationSyntax type in types)
            {
                builder.Append($"unsafe partial {type.Keyword.Text} {type.Identifier.Text}{type.TypeParameterList} {{\n");
            }

            builder.Append(implementation.NormalizeWhitespace().ToFullString()).Append('\n');
            builder.Append('}', types.Count + namespaces.Count).Append('\n');
            yield return builder.ToString();
        }
    }

    /// <summary>How many calls in <paramref name="file"/> reach a libc entry point or Tmds.Linux.LibC (for the report).</summary>
    private static int LibcCallCount(Compilation compilation, string file)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == file);
        SemanticModel model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Count(invocation =>
            model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method
            && (method.GetDllImportData() is not null
                || method.GetAttributes().Any(a => a.AttributeClass?.Name == "LibraryImportAttribute")
                || method.ContainingType?.ToDisplayString() == "Tmds.Linux.LibC"));
    }

    /// <summary>"file:line: id" for each id of each <c>// expect:</c> marker.</summary>
    internal static IEnumerable<string> ExpectedDiagnostics(string file, string source)
    {
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = ExpectMarker().Match(lines[i]);
            if (marker.Success)
            {
                foreach (string id in marker.Groups["ids"].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    yield return Entry(file, i + 1, id);
                }
            }
        }
    }

    private static string Describe(Diagnostic d) =>
        $"{Path.GetFileName(d.Location.SourceTree?.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    internal static string Entry(string file, int line, string id) => $"{file}:{line,4}: {id}";

    [GeneratedRegex(@"// expect:(?<ids>(\s*,?\s*SPG\d{4})+)\s*$")]
    private static partial Regex ExpectMarker();

    internal static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
