using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SocketPairGen.Generator.Tests;

/// <summary>Builds test compilations and runs <see cref="SocketPairGenerator"/> over them in memory.</summary>
internal static class GeneratorHarness
{
    /// <summary>Doc comments are parsed and checked, so broken <c>cref</c>s in generated code surface.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The strictest settings a consumer may use: every warning level, nullable on, warnings as errors.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true,
            warningLevel: 9999,
            generalDiagnosticOption: ReportDiagnostic.Error,
            deterministic: true)
        .WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(SocketPairChannelAttribute).Assembly.Location),
    ];

    /// <summary>What the TestChild project gets from ImplicitUsings; contracts copied from it need them.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static CSharpSyntaxTree Parse(string source, string path = "") =>
        (CSharpSyntaxTree)CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>A compilation of <paramref name="sources"/> (named <c>Source0.cs</c>, <c>Source1.cs</c>, …).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((text, i) => ($"Source{i}.cs", text)));

    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Text)> sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select(s => Parse(s.Text, s.Path)),
            References,
            CompilationOptions);

    /// <summary>A driver that records every step, so tests can read the pipeline's models and caching.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SocketPairGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

    /// <summary>Runs <paramref name="driver"/> (which may hold an earlier run's state) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Diagnostics worth failing for: everything but hidden ones (such as unnecessary usings).</summary>
    public static ImmutableArray<Diagnostic> Visible(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden)];

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}

/// <summary>One generator run: the driver (for a later incremental run), its result and the updated compilation.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Generator => Result.Results.Single();

    public ImmutableArray<GeneratedSourceResult> Sources => Generator.GeneratedSources;

    /// <summary>The outputs of one tracked step, with why each was produced.</summary>
    public ImmutableArray<(object Value, IncrementalStepRunReason Reason)> Outputs(string stepName) =>
        Generator.TrackedSteps.TryGetValue(stepName, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? [.. steps.SelectMany(step => step.Outputs)]
            : [];

    /// <summary>The valid contracts' specs, as the pipeline produced them.</summary>
    public ImmutableArray<Model.ContractSpec> Specs =>
        [.. Outputs(TrackingNames.ValidContracts).Select(o => (Model.ContractSpec)o.Value)];

    /// <summary>Fails unless the generator threw nothing, reported nothing, and the output compiles without a
    /// single diagnostic.</summary>
    public GeneratorRun AssertCompilesCleanly()
    {
        Assert.Null(Generator.Exception);
        Assert.Empty(GeneratorDiagnostics);
        // Test inputs carry no doc comments; generated code must (CS1591 counts there).
        HashSet<SyntaxTree> generated = [.. Sources.Select(s => s.SyntaxTree)];
        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.Visible(Output.GetDiagnostics()
            .Where(d => d.Id != "CS1591" || (d.Location.SourceTree is { } tree && generated.Contains(tree))));
        Assert.True(diagnostics.IsEmpty, "The output compilation has diagnostics:" + Environment.NewLine + GeneratorHarness.Format(diagnostics));
        return this;
    }
}
