using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0103: generic contracts and generic methods, reported on their identifier.</summary>
public class GenericTests
{
    [Fact]
    public Task GenericContract_ReportedOnItsIdentifier() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface {|#0:IStore|}<TKey>
        {
            int Count();
        }
        """,
        Diagnostic("SPG0103", 0, "IStore"));

    [Fact]
    public Task GenericMethod_ReportedOnItsNameAndTheTypeParameterOnItsUse() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void {|#0:Put|}<T>({|#1:T|} value)
                where T : unmanaged;
        }
        """,
        Diagnostic("SPG0103", 0, "Put"),
        Diagnostic("SPG0101", 1, "Parameter 'value'", "Put", "T", "a type parameter's layout is not known at compile time"));

    [Fact]
    public Task GenericMethodWithoutTypeParameterUse_OnlyGenericReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int {|#0:SizeOf|}<T>();
        }
        """,
        Diagnostic("SPG0103", 0, "SizeOf"));
}
