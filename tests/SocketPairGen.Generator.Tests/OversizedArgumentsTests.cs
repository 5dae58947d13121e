namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Arguments that each fit in a frame but together do not: the request's length is added in 64 bits, so two blocks
/// of 1.2 GB each are refused at the call site with the same clear error as one oversized block (never a length that
/// wrapped around 32 bits), nothing is sent and the channel goes on.
/// </summary>
public class OversizedArgumentsTests
{
    private const string Contract = """
        using System;
        using System.Runtime.InteropServices;
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace App;

        /// <summary>Two blocks sent inline (bools are validated, so neither is the frame's trailer).</summary>
        [SocketPairChannel]
        public partial interface IBlocks
        {
            /// <summary>A method.</summary><param name="first">A block.</param><param name="second">A block.</param><returns>A count.</returns>
            int Count(ReadOnlySpan<bool> first, ReadOnlySpan<bool> second);
        }

        /// <summary>Calls the method with two huge blocks, then with small ones.</summary>
        public sealed class Blocks : IBlocks
        {
            /// <inheritdoc/>
            public int Count(ReadOnlySpan<bool> first, ReadOnlySpan<bool> second) => first.Length + second.Length;

            /// <summary>Calls through a generated channel.</summary>
            /// <returns>The error's type and message, then the small call's result.</returns>
            public static string Run()
            {
                var (clientEnd, serverEnd) = SocketPair.Create();
                Task server = IBlocks.ServeAsync(serverEnd, new Blocks());
                using IBlocks.Client client = IBlocks.Connect(clientEnd);
                string error = "none";
                try
                {
                    client.Count(Huge(), Huge());
                }
                catch (Exception ex)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                }

                return error + "|" + client.Count([true], [false, true]) + "|" + server.IsCompleted;
            }

            /// <summary>A span that claims 1.2 billion bools: only its length is ever read.</summary>
            private static ReadOnlySpan<bool> Huge()
            {
                bool[] anchor = new bool[1];
                return MemoryMarshal.CreateReadOnlySpan(ref anchor[0], 1_200_000_000);
            }
        }
        """;

    [Fact]
    public void TwoBlocksThatTogetherPassTwoGigabytes_AreRefusedAtTheCallSite_AndTheChannelStaysUsable()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Contract)).AssertCompilesCleanly();
        byte[] image = EmittedAssemblies.Emit(run.Output);
        string? result = null;
        EmittedAssemblies.Run(app => result = (string?)app.GetType("App.Blocks", throwOnError: true)!.GetMethod("Run")!.Invoke(null, null), image);
        Assert.Equal(
            "ChannelProtocolException: The request's payload of 2400000008 bytes is larger than the maximum frame size of 16777216 bytes; nothing was sent.|3|False",
            result);
    }
}
