using Microsoft.CodeAnalysis.CSharp;
using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0110: a project whose C# is older than the generated code needs gets one diagnostic per contract, on
/// its identifier, instead of errors inside the generated files.</summary>
public class LanguageVersionTooOldTests
{
    private const string Contract = """
        [SocketPairChannel]
        public partial interface {|#0:ICalculator|}
        {
            int Add(int a, int b);
        }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp12, "12.0")]
    public Task OlderThanCSharp13_ReportedOnTheContract(LanguageVersion version, string shown)
    {
        var test = new ContractAnalyzerTest { TestCode = Contract, LanguageVersion = version };
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0110", 0, "ICalculator", "13.0", shown));
        return test.RunAsync();
    }

    [Fact]
    public Task CSharp13_NotReported() =>
        new ContractAnalyzerTest { TestCode = Contract.Replace("{|#0:ICalculator|}", "ICalculator", StringComparison.Ordinal), LanguageVersion = LanguageVersion.CSharp13 }.RunAsync();

    [Fact]
    public Task OtherProblemsOfTheContract_StillReported()
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = """
                [SocketPairChannel]
                public partial interface {|#0:IService|}
                {
                    void Put({|#1:object|} value);
                }
                """,
            LanguageVersion = LanguageVersion.CSharp12,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0110", 0, "IService", "13.0", "12.0"));
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0101", 1, "Parameter 'value'", "Put", "object",
            "it is a reference type; only values (primitives, enums, unmanaged structs), strings and arrays or memories of unmanaged values travel"));
        return test.RunAsync();
    }
}
