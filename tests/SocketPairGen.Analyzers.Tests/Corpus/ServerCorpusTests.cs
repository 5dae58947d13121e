using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace SocketPairGen.Analyzers.Tests.Corpus;

/// <summary>
/// Every analyzer over realistic server code, classes that implement channel contracts whose methods receive
/// descriptors (<c>ServersCorrect</c>: disposed, handed off, returned, forwarded, all right; <c>ServersBuggy</c>:
/// the <c>// expect: SPGnnnn</c> markers). Only the descriptor rules are judged: the contract rules of this version
/// do not yet let a descriptor cross the wire (SPG0101 on every such contract), and whether a contract is valid is
/// their own tests' business. Once they do, these files belong in <c>Correct</c> and <c>Buggy</c>.
/// </summary>
[Trait("Category", "Corpus")]
public class ServerCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CorrectServers_NoDescriptorDiagnostics()
    {
        CorpusTests.CorpusResult result = await new CorpusTests(output).AnalyzeFolderAsync("ServersCorrect");

        string[] reported = [.. DescriptorDiagnostics(result).Select(d => d.ToString())];
        foreach (string diagnostic in reported)
        {
            output.WriteLine("  " + diagnostic);
        }

        Assert.Empty(result.CompilerErrors);
        Assert.Empty(reported);
    }

    [Fact]
    public async Task BuggyServers_ExactlyTheMarkedDescriptorDiagnostics()
    {
        CorpusTests.CorpusResult result = await new CorpusTests(output).AnalyzeFolderAsync("ServersBuggy");

        List<string> expected = result.Sources
            .SelectMany(source => CorpusTests.ExpectedDiagnostics(source.Name, source.Text))
            .Order(StringComparer.Ordinal)
            .ToList();
        List<string> reported = DescriptorDiagnostics(result)
            .Select(d => CorpusTests.Entry(Path.GetFileName(d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(result.CompilerErrors);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, reported);
    }

    private static IEnumerable<Diagnostic> DescriptorDiagnostics(CorpusTests.CorpusResult result) =>
        result.Diagnostics.Where(d => !Descriptors.ContractRules.ContainsKey(d.Id));
}
