namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// Contracts in every kind of type that can hold an interface, and with parameters named like the locals and members
/// the generated code declares: the generated file reopens each containing type and compiles cleanly.
/// </summary>
public class ContainingTypeKindTests
{
    private const string Methods = """
            /// <summary>Adds.</summary>
            /// <param name="a">One.</param>
            /// <param name="b">Two.</param>
            /// <returns>The sum.</returns>
            int Add(int a, int b);
        """;

    public static TheoryData<string> Containers =>
    [
        "public static partial class Outer",
        "public abstract partial class Outer",
        "public sealed unsafe partial class Outer",
        "public readonly partial struct Outer",
        "public ref partial struct Outer",
        "public partial record Outer",
        "public readonly partial record struct Outer",
        "public partial interface Outer",
        "internal partial class Outer",
    ];

    [Theory]
    [MemberData(nameof(Containers))]
    public void ContractInsideAnyKindOfType_GeneratesAndCompiles(string container)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation($$"""
            using SocketPairGen;
            namespace Kinds;
            /// <summary>Holds the contract.</summary>
            {{container}}
            {
                /// <summary>A contract.</summary>
                [SocketPairChannel]
                public partial interface IService
                {
            {{Methods}}
                }
            }
            """));

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources);
    }

    [Fact]
    public void ParametersNamedLikeGeneratedLocalsAndMembers_Compile()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;
            namespace Locals;
            /// <summary>Parameters named like what the generated code declares.</summary>
            [SocketPairChannel]
            public partial interface ILocals
            {
                /// <summary>One.</summary>
                /// <param name="socket">A.</param>
                /// <param name="options">B.</param>
                /// <param name="call">C.</param>
                /// <param name="payload">D.</param>
                /// <param name="reader">E.</param>
                /// <param name="writer">F.</param>
                /// <returns>A value.</returns>
                int One(int socket, int options, int call, string payload, int reader, int writer);

                /// <summary>Two.</summary>
                /// <param name="result">A.</param>
                /// <param name="exception">B.</param>
                /// <param name="task">C.</param>
                /// <param name="value">D.</param>
                /// <param name="arg0">E.</param>
                /// <param name="implementation">F.</param>
                /// <param name="cancellationToken">G.</param>
                /// <returns>A value.</returns>
                Task<long> TwoAsync(long result, int? exception, ReadOnlyMemory<byte> task, string? value, int arg0, bool implementation, CancellationToken cancellationToken);

                /// <summary>Three.</summary>
                /// <param name="bytes">A.</param>
                /// <param name="destination">B.</param>
                /// <param name="_channel">C.</param>
                /// <param name="_implementation">D.</param>
                /// <param name="token">E.</param>
                void Three(byte[] bytes, int[] destination, int _channel, int _implementation, CancellationToken token);
            }
            """));

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources);
    }
}
