using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0105: ref and out parameters, reported on the ref or out keyword.</summary>
public class RefOrOutParameterTests
{
    [Fact]
    public Task RefParameter_ReportedOnTheRefKeyword() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Bump({|#0:ref|} int counter);
        }
        """,
        Diagnostic("SPG0105", 0, "counter", "Bump", "ref"));

    [Fact]
    public Task OutParameter_ReportedOnTheOutKeyword() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            bool TryGet(int key, {|#0:out|} long value);
        }
        """,
        Diagnostic("SPG0105", 0, "value", "TryGet", "out"));

    [Fact]
    public Task ScopedRefParameter_ReportedOnTheRefKeyword() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Bump(scoped {|#0:ref|} int counter);
        }
        """,
        Diagnostic("SPG0105", 0, "counter", "Bump", "ref"));

    [Fact]
    public Task RefAndOutInOneMethod_EachReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Swap({|#0:ref|} int a, {|#1:out|} int b);
        }
        """,
        Diagnostic("SPG0105", 0, "a", "Swap", "ref"),
        Diagnostic("SPG0105", 1, "b", "Swap", "out"));

    [Fact]
    public Task RefCancellationToken_ReportedOnTheRefKeyword() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            Task WaitAsync({|#0:ref|} CancellationToken cancellationToken);
        }
        """,
        Diagnostic("SPG0105", 0, "cancellationToken", "WaitAsync", "ref"));

    [Fact]
    public Task InCancellationToken_ReportedOnTheInKeyword() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            Task WaitAsync({|#0:in|} CancellationToken cancellationToken);
        }
        """,
        Diagnostic("SPG0105", 0, "cancellationToken", "WaitAsync", "in"));
}
