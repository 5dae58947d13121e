using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0106: a CancellationToken that is not the only and last parameter, reported on the parameter.</summary>
public class MisplacedCancellationTokenTests
{
    private const string NotLast = "a CancellationToken that is not the last parameter";
    private const string Second = "a second CancellationToken (a method takes at most one)";

    [Fact]
    public Task TokenNotLast_ReportedOnTheParameter() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            Task SendAsync({|#0:CancellationToken cancellationToken|}, int value);
        }
        """,
        Diagnostic("SPG0106", 0, "cancellationToken", "SendAsync", NotLast));

    [Fact]
    public Task TwoTokens_FirstNotLastAndSecondReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            Task SendAsync(int value, {|#0:CancellationToken first|}, {|#1:CancellationToken second = default|});
        }
        """,
        Diagnostic("SPG0106", 0, "first", "SendAsync", NotLast),
        Diagnostic("SPG0106", 1, "second", "SendAsync", Second));

    [Fact]
    public Task ThreeTokens_EveryExtraOneReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Send({|#0:CancellationToken a|}, {|#1:CancellationToken b|}, {|#2:CancellationToken c|});
        }
        """,
        Diagnostic("SPG0106", 0, "a", "Send", NotLast),
        Diagnostic("SPG0106", 1, "b", "Send", Second),
        Diagnostic("SPG0106", 2, "c", "Send", Second));
}
