using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels.Client;

/// <summary>
/// Scenario 9 of the hardening issue: large requests one way and large replies the other, from many threads at
/// once, with a server that runs one call at a time and continuations on the reader thread that make further calls
/// (synchronous and awaited), finish without deadlock. Each side's socket buffer is much smaller than one message,
/// so both sides spend most of the test blocked in a send, waiting for the other to read.
/// </summary>
public class FullDuplexTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LargeMessagesBothWays_WithContinuationsThatCall_FinishWithoutDeadlock(bool continuationsOnThePool)
    {
        await using var channel = InProcessChannel.Start(
            serverOptions: new ChannelOptions { MaxConcurrentCalls = 1 },
            clientOptions: new ChannelOptions { RunContinuationsAsynchronously = continuationsOnThePool });
        CalculatorClient client = channel.Client;
        byte[] block = new byte[512 * 1024];
        new Random(9).NextBytes(block);

        var work = new List<Task>();
        for (int i = 0; i < 4; i++)
        {
            work.Add(Task.Factory.StartNew(
                () =>
                {
                    for (int round = 0; round < 8; round++)
                    {
                        Assert.Equal(block.Length, client.Echo(block).Length);
                    }
                },
                TaskCreationOptions.LongRunning));
            work.Add(Task.Run(() => ChainAsync(client, block)));
        }

        await Task.WhenAll(work).WaitAsync(Watchdog);
    }

    /// <summary>Awaited calls whose continuations (on the reader thread by default) make more calls.</summary>
    private static async Task ChainAsync(CalculatorClient client, byte[] block)
    {
        for (int round = 0; round < 8; round++)
        {
            byte[] echoed = await client.EchoAsync(block);
            Assert.Equal(block, echoed);
            Assert.Equal(block.Length, client.Echo(block).Length); // synchronous, from the continuation
            Task<byte[]> another = client.EchoAsync(block).AsTask(); // its send blocks until the server reads
            Assert.Equal(block.Length, (await another).Length);
        }
    }
}
