using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0100: the contract and every type containing it must be partial.</summary>
public class NotPartialTests
{
    [Fact]
    public Task InterfaceWithoutPartial_ReportedOnItsIdentifier() => VerifyAsync(
        """
        [SocketPairChannel]
        public interface {|#0:ICalculator|}
        {
            int Add(int a, int b);
        }
        """,
        Diagnostic("SPG0100", 0, "ICalculator"));

    [Fact]
    public Task ContainingClassesWithoutPartial_EachReportedOnItsIdentifier() => VerifyAsync(
        """
        public class {|#0:Outer|}
        {
            public partial class Middle
            {
                internal struct {|#1:Inner|}
                {
                    [SocketPairChannel]
                    internal partial interface ICalculator
                    {
                        int Add(int a, int b);
                    }
                }
            }
        }
        """,
        Diagnostic("SPG0100", 0, "Outer"),
        Diagnostic("SPG0100", 1, "Inner"));

    [Fact]
    public Task NothingPartial_ContractAndContainingTypeBothReported() => VerifyAsync(
        """
        public static class {|#0:Contracts|}
        {
            [SocketPairChannel]
            public interface {|#1:ICalculator|}
            {
                int Add(int a, int b);
            }
        }
        """,
        Diagnostic("SPG0100", 0, "Contracts"),
        Diagnostic("SPG0100", 1, "ICalculator"));

    [Fact]
    public Task OneDeclarationOfSeveralWithoutPartial_OnlyThatDeclarationReported() => VerifyAsync(
        """
        public partial class Outer
        {
            [SocketPairChannel]
            public partial interface ICalculator
            {
                int Add(int a, int b);
            }
        }

        public class {|#0:{|CS0260:Outer|}|}
        {
        }
        """,
        Diagnostic("SPG0100", 0, "Outer"));

    [Fact]
    public Task ContainingRecordWithoutPartial_Reported() => VerifyAsync(
        """
        public record {|#0:Settings|}
        {
            [SocketPairChannel]
            public partial interface ICalculator
            {
                int Add(int a, int b);
            }
        }
        """,
        Diagnostic("SPG0100", 0, "Settings"));
}
