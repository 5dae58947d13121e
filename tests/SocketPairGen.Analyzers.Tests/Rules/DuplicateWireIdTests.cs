using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>
/// SPG0107: methods whose wire signature (name and parameters, the CancellationToken left out) is the same. C#
/// overloads already differ in their parameters, so the only way to reach it from valid code is an overload that
/// differs only by a CancellationToken.
/// </summary>
public class DuplicateWireIdTests
{
    [Fact]
    public Task OverloadDifferingOnlyByCancellationToken_ReportedOnTheLaterName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int Delay(int milliseconds);

            int {|#0:Delay|}(int milliseconds, CancellationToken cancellationToken);
        }
        """,
        Diagnostic("SPG0107", 0, "Delay(int, CancellationToken)", "Delay(int)"));

    [Fact]
    public Task OverloadsDifferingByInModifier_NotReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int Echo(int value);

            int Echo(in long value);

            int Echo(in int value, CancellationToken cancellationToken = default);
        }
        """);
}
