using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// The compilation the flag tests run in: net10.0 (offline reference assemblies, TOOLCHAIN.md), the SocketPairGen
/// runtime, and the real Tmds.LibC 0.5.0 package, whose constants are static properties (<c>SOCK_CLOEXEC =&gt; 0x80000</c>).
/// Unsafe code on, nullable on, the implicit usings of an SDK project. A test source brings its own bindings.
/// </summary>
internal static class FlagsTest
{
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Runtime.InteropServices;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The assembly of the package the tests reference (its metadata, as a consumer's compiler sees it).</summary>
    public static MetadataReference TmdsLibC { get; } = MetadataReference.CreateFromFile(typeof(Tmds.Linux.LibC).Assembly.Location);

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
        state.AdditionalReferences.Add(TmdsLibC);
        state.Sources.Add(("/0/GlobalUsings.cs", GlobalUsings));
    }

    public static CompilationOptions Options(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);

    public static ParseOptions Parse(ParseOptions options) =>
        ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion.Latest);
}

/// <summary>An analyzer test in the <see cref="FlagsTest"/> compilation.</summary>
internal sealed class FlagsAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public FlagsAnalyzerTest(string source)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FlagsTest.Configure(TestState);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new FlagsAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>An expected diagnostic of rule <paramref name="id"/> at the markup location <c>{|#n:…|}</c>.</summary>
    public static DiagnosticResult Diagnostic(string id, int markupKey, params object[] arguments) =>
        new DiagnosticResult(Descriptors.DescriptorRules[id]).WithLocation(markupKey).WithArguments(arguments);

    protected override CompilationOptions CreateCompilationOptions() => FlagsTest.Options(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => FlagsTest.Parse(base.CreateParseOptions());
}

/// <summary>A code fix test in the <see cref="FlagsTest"/> compilation: each fix alone, and Fix All in document, project and solution.</summary>
internal sealed class FlagsCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public FlagsCodeFixTest(string source, string fixedSource)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FixedCode = fixedSource;
        FlagsTest.Configure(TestState);
        FixedState.Sources.Add(("/0/GlobalUsings.cs", FlagsTest.GlobalUsings));
    }

    /// <summary>Applies the fix to <paramref name="source"/> and expects <paramref name="fixedSource"/>; the diagnostics are the markup's and <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new FlagsCodeFixTest<TAnalyzer, TCodeFix>(source, fixedSource);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Expects the diagnostics of <paramref name="source"/>'s markup and no fix for them.</summary>
    public static Task VerifyNoFixAsync(string source) => new FlagsCodeFixTest<TAnalyzer, TCodeFix>(source, source).RunAsync();

    protected override CompilationOptions CreateCompilationOptions() => FlagsTest.Options(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => FlagsTest.Parse(base.CreateParseOptions());
}
