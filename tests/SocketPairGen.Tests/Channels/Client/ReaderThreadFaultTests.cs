namespace SocketPairGen.Tests.Channels.Client;

/// <summary>
/// Scenario 10 of the hardening issue, the client's side: an exception on the client's reader thread (here, a
/// continuation that throws while it runs inline there) ends the channel with a failure its callers see; it never
/// escapes the thread and terminates the process.
/// </summary>
public class ReaderThreadFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public Task ContinuationThrowingOnTheReaderThread_FailsTheChannel_NotTheProcess() => Task.Run(async () =>
    {
        await using var channel = InProcessChannel.Start();
        using var ran = new ManualResetEventSlim();
        ValueTask<int> call = channel.Client.DelayAsync(50);

        // Registered without a scheduling context, so the reader thread runs it inline when the reply arrives.
        call.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
        {
            ran.Set();
            throw new InvalidOperationException("a user's continuation threw");
        });
        Assert.True(ran.Wait(Timeout));

        ChannelClosedException closed = await WaitUntilClosedAsync(channel);
        Assert.Contains("a user's continuation threw", closed.Message);
    });

    private static async Task<ChannelClosedException> WaitUntilClosedAsync(InProcessChannel channel)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                await channel.Client.AddAsync(1, 1).AsTask().WaitAsync(Timeout);
            }
            catch (ChannelClosedException closed)
            {
                return closed;
            }

            Assert.True(DateTime.UtcNow < deadline, "the channel stayed open after an exception escaped on its reader thread");
            await Task.Delay(10);
        }
    }
}
