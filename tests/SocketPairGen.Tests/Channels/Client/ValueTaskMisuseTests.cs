namespace SocketPairGen.Tests.Channels.Client;

/// <summary>
/// Scenario 2 of the hardening issue: a caller that misuses the ValueTask of a call (awaits it twice, reads its result
/// before it completed) gets an InvalidOperationException; no other call is affected, and the pooled call object is
/// never handed to another call while this one is in flight.
/// </summary>
public class ValueTaskMisuseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AwaitingTwice_ThrowsInvalidOperation_AndLaterCallsGetTheirOwnResults()
    {
        await using var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { MaxConcurrentCalls = 8 });
        for (int round = 0; round < 20; round++)
        {
            ValueTask<int> call = channel.Client.AddAsync(round, 1);
            Assert.Equal(round + 1, await call);
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await call);
        }

        // A call object returned to the pool twice would be handed to two calls at once: replies would cross or hang.
        await AssertConcurrentCallsGetTheirOwnResults(channel.Client);
    }

    [Fact]
    public async Task ReadingTheResultBeforeCompletion_ThrowsInvalidOperation_AndTheCallStillCompletes()
    {
        await using var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { MaxConcurrentCalls = 8 });
        ValueTask<int> slow = channel.Client.DelayAsync(300);
        ValueTask<int> other = channel.Client.DelayAsync(250);

        Assert.Throws<InvalidOperationException>(() => slow.Result);
        Assert.Throws<InvalidOperationException>(() => other.GetAwaiter().GetResult());

        // The misuse changed nothing: both calls stay in flight and complete with their own results.
        await AssertConcurrentCallsGetTheirOwnResults(channel.Client);
        Assert.Equal(300, await slow.AsTask().WaitAsync(Timeout));
        Assert.Equal(250, await other.AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task TwoThreadsReadingOneResult_OnlyOneGetsIt()
    {
        await using var channel = InProcessChannel.Start();
        for (int round = 0; round < 2000; round++)
        {
            ValueTask<int> call = channel.Client.AddAsync(round, round);
            while (!call.IsCompleted)
            {
                await Task.Yield();
            }

            using var start = new Barrier(2);
            Task<object> first = Task.Run(() => ReadResult(call, start));
            Task<object> second = Task.Run(() => ReadResult(call, start));
            object[] outcomes = await Task.WhenAll(first, second).WaitAsync(Timeout);

            Assert.Single(outcomes, o => o is int value && value == 2 * round);
            Assert.Single(outcomes, o => o is InvalidOperationException);
        }

        await AssertConcurrentCallsGetTheirOwnResults(channel.Client);
    }

    private static object ReadResult(ValueTask<int> call, Barrier start)
    {
        start.SignalAndWait();
        try
        {
            return call.Result;
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    private static async Task AssertConcurrentCallsGetTheirOwnResults(TestChild.Contracts.CalculatorClient client)
    {
        var calls = new Task<int>[64];
        for (int i = 0; i < calls.Length; i++)
        {
            int n = i;
            calls[i] = n % 8 != 0 ? client.AddAsync(n, 1000).AsTask()
                : Task.Factory.StartNew(() => client.Add(n, 1000), TaskCreationOptions.LongRunning);
        }

        int[] results = await Task.WhenAll(calls).WaitAsync(Timeout);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(i + 1000, results[i]);
        }
    }
}
