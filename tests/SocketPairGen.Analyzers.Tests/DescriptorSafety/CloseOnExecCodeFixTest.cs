using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>
/// A code fix test of <see cref="CloseOnExecAnalyzer"/>: the fix applied one diagnostic at a time and by Fix All in
/// document, project and solution; the fixed code must have no diagnostics unless its markup names some.
/// </summary>
internal sealed class CloseOnExecCodeFixTest<TCodeFix> : CSharpCodeFixTest<CloseOnExecAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public CloseOnExecCodeFixTest(string source, string fixedSource)
    {
        TestCode = source;
        FixedCode = fixedSource;
        CloseOnExecAnalyzerTest.Configure(this);
        FixedState.Sources.Add(("Native.cs", CloseOnExecAnalyzerTest.NativeSource));
        FixedState.Sources.Add(("GlobalUsings.cs", CloseOnExecAnalyzerTest.GlobalUsings));
    }

    public static Task VerifyAsync(string source, string fixedSource) => new CloseOnExecCodeFixTest<TCodeFix>(source, fixedSource).RunAsync();
}
