using System.Diagnostics;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels;

/// <summary>Channel calls to a real child process serving the Calculator contract on its inherited fd 3.</summary>
public class ChildProcessChannelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CallsAcrossAChildProcess_ReturnEveryValue_AndTheChildExitsWhenTheClientCloses()
    {
        await using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["serve-calculator"]);
        var client = new CalculatorClient(child.Socket);

        Assert.Equal(42, client.Add(40, 2));
        Assert.Equal(int.MinValue, await client.AddAsync(int.MaxValue, 1));
        foreach (int length in new[] { 0, 1, 4096, 100_000, 3 * 1024 * 1024 })
        {
            byte[] block = new byte[length];
            new Random(length).NextBytes(block);
            Assert.Equal(block, client.Echo(block));
            Assert.Equal(block, await client.EchoAsync(block));
        }

        var error = Assert.Throws<ChannelRemoteException>(() => client.Throw("from the child"));
        Assert.Equal("from the child", error.RemoteMessage);

        await client.DisposeAsync();
        Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task KillingTheChildMidCall_FailsEveryPendingCallWithin100Milliseconds()
    {
        await using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["serve-calculator", "4"]);
        var client = new CalculatorClient(child.Socket);
        Assert.Equal(2, await client.AddAsync(1, 1).AsTask().WaitAsync(Timeout)); // the child is up and serving

        var failedAt = new long[4];
        var calls = new Task[]
        {
            Observe(client.DelayAsync(60_000).AsTask(), failedAt, 0),
            Observe(client.DelayAsync(60_000).AsTask(), failedAt, 1),
            Observe(client.EchoAsync(new byte[10]).AsTask().ContinueWith(_ => client.DelayAsync(60_000).AsTask()).Unwrap(), failedAt, 2),
            Observe(Task.Factory.StartNew(() => client.Delay(60_000), TaskCreationOptions.LongRunning), failedAt, 3),
        };
        await Task.Delay(300); // let every call reach the child

        long killedAt = Stopwatch.GetTimestamp();
        child.Kill();
        await Task.WhenAll(calls).WaitAsync(Timeout);

        for (int i = 0; i < calls.Length; i++)
        {
            TimeSpan latency = Stopwatch.GetElapsedTime(killedAt, failedAt[i]);
            Assert.True(latency < TimeSpan.FromMilliseconds(100), $"call {i} failed {latency.TotalMilliseconds:F1} ms after the kill");
        }

        Assert.Equal(128 + 9, await child.WaitForExitAsync().WaitAsync(Timeout));
        Assert.Throws<ChannelClosedException>(() => client.Add(1, 1));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ChildGoneWhileIdle_TheNextCallFailsWithClosed()
    {
        await using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["serve-calculator"]);
        await using var client = new CalculatorClient(child.Socket);
        Assert.Equal(3, client.Add(1, 2));

        child.Kill();
        await child.WaitForExitAsync().WaitAsync(Timeout);

        Assert.Throws<ChannelClosedException>(() => client.Add(1, 2));
        await Assert.ThrowsAsync<ChannelClosedException>(() => client.AddAsync(1, 2).AsTask());
    }

    /// <summary>Records when <paramref name="call"/> fails with <see cref="ChannelClosedException"/>, as it happens.</summary>
    private static async Task Observe(Task call, long[] failedAt, int index)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            failedAt[index] = Stopwatch.GetTimestamp();
            return;
        }

        throw new Xunit.Sdk.XunitException($"call {index} did not fail with ChannelClosedException");
    }
}
