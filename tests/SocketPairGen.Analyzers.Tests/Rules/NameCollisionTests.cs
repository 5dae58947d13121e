using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0108: a member named like generated code or an <see cref="object"/> member, reported on its name.</summary>
public class NameCollisionTests
{
    [Theory]
    [InlineData("Connect")]
    [InlineData("ServeAsync")]
    [InlineData("Client")]
    [InlineData("Dispose")]
    [InlineData("DisposeAsync")]
    [InlineData("GetType")]
    [InlineData("MemberwiseClone")]
    [InlineData("Finalize")]
    public Task MethodWithReservedName_ReportedOnItsName(string name) => VerifyAsync(
        $$"""
        [SocketPairChannel]
        public partial interface IService
        {
            void {|#0:{{name}}|}();
        }
        """,
        Diagnostic("SPG0108", 0, name));

    [Fact]
    public Task ObjectMemberNames_EachReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            string {|#0:ToString|}();

            int {|#1:GetHashCode|}();

            bool {|#2:Equals|}(int other);
        }
        """,
        Diagnostic("SPG0108", 0, "ToString"),
        Diagnostic("SPG0108", 1, "GetHashCode"),
        Diagnostic("SPG0108", 2, "Equals"));

    [Fact]
    public Task PropertyWithReservedName_OnlyTheCollisionReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int {|#0:Client|} { get; }
        }
        """,
        Diagnostic("SPG0108", 0, "Client"));

    [Fact]
    public Task StaticHelperWithReservedName_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            static IService? {|#0:Connect|}(string path) => null;
        }
        """,
        Diagnostic("SPG0108", 0, "Connect"));

    [Fact]
    public Task ReservedNameWithOtherProblems_OnlyTheCollisionReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            object {|#0:DisposeAsync|}(ref int x);
        }
        """,
        Diagnostic("SPG0108", 0, "DisposeAsync"));

    /// <summary>Names of what the generator once emitted beside the proxy's methods, which now live in a container that
    /// avoids every member name: nothing to report (GeneratedNameTests runs such a contract).</summary>
    [Fact]
    public Task MethodsNamedLikeTheGeneratedContainersMembers_NotReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Contract();

            void CreateContract();

            void Dispatcher();

            void Codec();

            void Wire();
        }
        """);

    [Theory]
    [InlineData("Client")]
    [InlineData("Connect")]
    [InlineData("ServeAsync")]
    public Task ContractNamedLikeAMemberGeneratedInIt_ReportedOnItsName(string name) => VerifyAsync(
        $$"""
        [SocketPairChannel]
        public partial interface {|#0:{{name}}|}
        {
            int Add(int a, int b);
        }
        """,
        Diagnostic("SPG0108", 0, name)
            .WithMessage($"'{name}' collides with a member SocketPairGen generates or the proxy inherits; rename it"));

    [Fact]
    public Task ContractInsideATypeNamedClient_NotReported() => VerifyAsync(
        """
        public static partial class Client
        {
            [SocketPairChannel]
            public partial interface IService
            {
                int Add(int a, int b);
            }
        }
        """);

    [Fact]
    public Task KeywordNamespaceContainingTypeAndContract_NotReported() => VerifyAsync(
        """
        namespace @event.@object
        {
            public static partial class @struct
            {
                [SocketPairChannel]
                public partial interface @class
                {
                    int @return(int value);
                }
            }
        }
        """);
}
