using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Tests.Channels;
using Xunit.Abstractions;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// Scenario 9 of issue 10: many threads send large requests while the server sends large replies, the server runs one
/// call at a time, and awaited callers' inline continuations make further calls, synchronous and awaited. Both
/// directions' socket buffers fill at once (each message is larger than a socket buffer, so both sides spend most of
/// the run blocked in a send, waiting for the other to read); the run must finish without deadlock. The randomized
/// runs check every call with the oracle (a watchdog reports the calls stuck); the fixed run pins the one shape
/// that deadlocked first: a continuation on the reader thread that makes a synchronous call and then an awaited one
/// while four threads make synchronous calls.
/// </summary>
[Collection(DescriptorCountCollection.Name)]
public class FullDuplexTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(120);

    public static TheoryData<string> Configurations => [.. StressConfiguration.FullDuplex.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task LargeCallsBothWays_OneAtATime_WithCallsFromInlineContinuations_FinishWithoutDeadlock(string configuration)
    {
        StressConfiguration chosen = StressConfiguration.FullDuplex.Single(c => c.Name == configuration);
        foreach (int seed in chosen.Seeds())
        {
            LeakCheck leaks = await LeakCheck.StartAsync();
            StressResult result = await StressRun.RunAsync(chosen, seed);
            output.WriteLine(result.Summary);
            Assert.True(result.Failures.Count == 0, result.Report());
            await leaks.AssertNothingLeftAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FixedShape_SyncCallersAndChainedContinuations_FinishWithoutDeadlock(bool continuationsOnThePool)
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
