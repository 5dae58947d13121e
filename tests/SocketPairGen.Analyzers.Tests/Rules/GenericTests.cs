using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0103: generic contracts (with type parameters of their own, or nested in a generic type) and generic
/// methods, reported on their identifier.</summary>
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

    [Fact]
    public Task InterfaceNestedInAGenericClass_ReportedAsGenericNamingTheTypeParameters() => VerifyAsync(
        """
        public partial class Repository<TItem>
        {
            [SocketPairChannel]
            public partial interface {|#0:IService|}
            {
                int Count();
            }
        }
        """,
        Diagnostic("SPG0103", 0, "Repository<TItem>.IService")
            .WithMessage("'Repository<TItem>.IService' is generic, and a channel contract and its methods cannot be generic"));

    [Fact]
    public Task InterfaceNestedTwoLevelsInAGenericType_ReportedOnce() => VerifyAsync(
        """
        public partial struct Holder<TItem>
        {
            public partial class Inner
            {
                [SocketPairChannel]
                public partial interface {|#0:IService|}
                {
                    int Count();
                }
            }
        }
        """,
        Diagnostic("SPG0103", 0, "Holder<TItem>.Inner.IService"));

    [Fact]
    public Task GenericInterfaceNestedInAGenericType_ReportedOnceByItsOwnName() => VerifyAsync(
        """
        public partial class Repository<TItem>
        {
            [SocketPairChannel]
            public partial interface {|#0:IService|}<TKey>
            {
                int Count();
            }
        }
        """,
        Diagnostic("SPG0103", 0, "IService"));
}
