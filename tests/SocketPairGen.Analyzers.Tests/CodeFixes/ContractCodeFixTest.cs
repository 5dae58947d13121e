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

    /// <summary>
    /// For SPG0100 on a containing type: the analyzer reports it from the contract's symbol action, outside the
    /// contract's own declaration, which makes it a non-local diagnostic (the IDE neither shows it live nor offers
    /// a fix for it until the analyzer reports it from the containing type's own action).
    /// </summary>
    public ContractCodeFixTest<TCodeFix> AllowingNonLocalDiagnostics()
    {
        CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return this;
    }
}
