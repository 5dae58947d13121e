namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// A contract named like a member the generated code declares inside it (<c>Client</c>, the public proxy class whose
/// name cannot change; <c>Connect</c>, <c>ServeAsync</c>) would declare a member named like its enclosing type
/// (CS0542 inside the generated file): SPG0108 reports it and the generator skips it, so the project has no error in
/// generated code. A type named <c>Client</c> further out is no collision.
/// </summary>
public class ContractNamedLikeGeneratedMemberTests
{
    [Theory]
    [InlineData("Client")]
    [InlineData("Connect")]
    [InlineData("ServeAsync")]
    public void ContractNamedLikeAGeneratedMember_SkippedAndTheProjectCompiles(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation($$"""
            using SocketPairGen;
            namespace Names;
            /// <summary>A contract.</summary>
            [SocketPairChannel]
            public partial interface {{name}}
            {
                /// <summary>Adds.</summary>
                /// <param name="a">One.</param>
                /// <param name="b">Two.</param>
                /// <returns>The sum.</returns>
                int Add(int a, int b);
            }
            """));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void ContractInsideATypeNamedClient_Generates()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("""
            using SocketPairGen;
            namespace Client;
            /// <summary>Holds the contract.</summary>
            public static partial class Client
            {
                /// <summary>A contract.</summary>
                [SocketPairChannel]
                public partial interface IService
                {
                    /// <summary>Adds.</summary>
                    /// <param name="a">One.</param>
                    /// <param name="b">Two.</param>
                    /// <returns>The sum.</returns>
                    int Add(int a, int b);
                }
            }
            """));

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources);
    }
}
