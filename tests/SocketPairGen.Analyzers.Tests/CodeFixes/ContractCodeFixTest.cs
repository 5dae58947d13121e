using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.CodeFixes;

/// <summary>
/// A code fix test of <see cref="ContractAnalyzer"/> compiled against .NET 10 and the SocketPairGen runtime, fully
/// offline: <c>ReferenceAssemblies.Net.Net100</c> would download a package the registry does not serve. The test
/// applies the fix one diagnostic at a time and by Fix All in document, project and solution, and requires the
/// fixed code to have exactly the diagnostics its markup names (none, unless the test names some). A test whose
/// fixed code equals its source requires that no fix is offered.
/// </summary>
internal sealed class ContractCodeFixTest<TCodeFix> : CSharpCodeFixTest<ContractAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public ContractCodeFixTest(string source, string fixedSource)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPairChannelAttribute).Assembly.Location));
        TestCode = source;
        FixedCode = fixedSource;
    }
}
