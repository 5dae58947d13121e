namespace SocketPairGen.Analyzers.Tests;

public class SmokeTests
{
    [Fact]
    public void ContractAnalyzer_SupportsTheElevenContractRules()
    {
        var analyzer = new ContractAnalyzer();
        Assert.Equal(
            ["SPG0100", "SPG0101", "SPG0102", "SPG0103", "SPG0104", "SPG0105", "SPG0106", "SPG0107", "SPG0108", "SPG0109", "SPG0110", "SPG0111", "SPG0112"],
            analyzer.SupportedDiagnostics.Select(d => d.Id).Order());
    }
}
