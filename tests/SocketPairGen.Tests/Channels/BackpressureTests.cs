namespace SocketPairGen.Tests.Channels;

public class BackpressureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestsQueuedBehindARunningCall_AreBounded_AndAllCompleteAfterwards()
    {
        // The server announces a request window of max(4 × its maximum frame size, 1 MiB): a client with that much
        // unanswered waits for room before it sends more (and the server keeps reading, so it still sees cancels).
        await using var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { MaxFrameSize = 64 * 1024 });
        // After the handshake: awaited calls made before the server's Hello arrives are queued without the window
        // (the window is not known yet), so on a loaded machine all 100 could be accepted before it and the test
        // would measure nothing (it failed so once in CI).
        Assert.Equal(2, await channel.Client.AddAsync(1, 1).AsTask().WaitAsync(Timeout));
        Task<int> running = channel.Client.DelayAsync(1500).AsTask();
        byte[] block = new byte[60_000];
        new Random(7).NextBytes(block);

        int sent = 0;
        var echoes = new List<Task<byte[]>>();
        Task sender = Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; i < 100; i++) // 6 MB: far more than the queue and the socket buffers hold
                {
                    echoes.Add(channel.Client.EchoAsync(block).AsTask());
                    Interlocked.Increment(ref sent);
                }
            },
            TaskCreationOptions.LongRunning);

        await Task.Delay(700);
        Assert.False(running.IsCompleted);
        Assert.True(Volatile.Read(ref sent) < 100, "every request was accepted while the server was busy: nothing pushed back");

        Assert.Equal(1500, await running.WaitAsync(Timeout));
        await sender.WaitAsync(Timeout);
        foreach (Task<byte[]> echo in echoes)
        {
            Assert.Equal(block, await echo.WaitAsync(Timeout));
        }
    }
}
