using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>
/// <see cref="ContractAnalyzer"/> over a net10.0 compilation that references the runtime (for the attribute), with
/// the implicit global usings of an SDK project, nullable annotations and unsafe code on.
/// </summary>
internal sealed class ContractAnalyzerTest : CSharpAnalyzerTest<ContractAnalyzer, DefaultVerifier>
{
    /// <summary>What <c>ImplicitUsings</c> gives a console or library project, so test sources read like user code.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using SocketPairGen;
        """;

    public ContractAnalyzerTest()
    {
        // ReferenceAssemblies.Net.Net100 downloads a package the registry does not serve (TOOLCHAIN.md).
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPairChannelAttribute).Assembly.Location));
        TestState.Sources.Add(("GlobalUsings.cs", GlobalUsings));
    }

    /// <summary>The C# version the test compiles with (the newest by default).</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    /// <summary>Runs the analyzer on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new ContractAnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>An expected diagnostic of the analyzer, at the markup location <c>{|#n:…|}</c>.</summary>
    public static DiagnosticResult Diagnostic(string id, int markupKey, params object[] arguments) =>
        new DiagnosticResult(Descriptors.ContractRules[id]).WithLocation(markupKey).WithArguments(arguments);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithAllowUnsafe(true)
            .WithNullableContextOptions(NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
}
