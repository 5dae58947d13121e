using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels;

public class ChannelCallTests
{
    [Fact]
    public async Task SyncCall_ReturnsTheServersResult()
    {
        await using var channel = InProcessChannel.Start();
        Assert.Equal(5, channel.Client.Add(2, 3));
        Assert.Equal(int.MinValue, channel.Client.Add(int.MaxValue, 1));
        Assert.Equal(-7, channel.Client.Add(-3, -4));
    }

    [Fact]
    public async Task AwaitedCall_ReturnsTheServersResult()
    {
        await using var channel = InProcessChannel.Start();
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i * 3, await channel.Client.AddAsync(i, i * 2));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(16 * 1024 + 1)] // past the size copied into the send buffer: goes out through sendmsg
    [InlineData(1024 * 1024)]
    [InlineData(5 * 1024 * 1024 + 3)]
    public async Task Blocks_ComeBackByteForByte(int length)
    {
        await using var channel = InProcessChannel.Start();
        byte[] block = new byte[length];
        new Random(length).NextBytes(block);

        Assert.Equal(block, channel.Client.Echo(block));
        Assert.Equal(block, await channel.Client.EchoAsync(block));
        Assert.Equal(length, channel.Client.Length(block));
    }

    [Fact]
    public async Task RemoteException_CarriesTypeAndMessage_AndTheChannelStaysUsable()
    {
        await using var channel = InProcessChannel.Start();

        var error = Assert.Throws<ChannelRemoteException>(() => channel.Client.Throw("bad input: ü€𝄞"));
        Assert.Equal("System.InvalidOperationException", error.RemoteTypeName);
        Assert.Equal("bad input: ü€𝄞", error.RemoteMessage);
        Assert.Null(error.RemoteStackTrace);

        var asyncError = await Assert.ThrowsAsync<ChannelRemoteException>(() => channel.Client.ThrowAsync("again").AsTask());
        Assert.Equal("again", asyncError.RemoteMessage);

        Assert.Equal(3, channel.Client.Add(1, 2));
    }

    [Fact]
    public async Task EmptyRequestAndReply_RoundTrip()
    {
        await using var channel = InProcessChannel.Start();
        await channel.Client.PingAsync();
        await channel.Client.PingAsync();
    }

    [Fact]
    public async Task DefaultServer_RunsCallsInArrivalOrder()
    {
        await using var channel = InProcessChannel.Start();
        Task<int> slow = channel.Client.DelayAsync(300).AsTask();
        Task<int> quick = channel.Client.AddAsync(1, 1).AsTask();

        Task first = await Task.WhenAny(slow, quick).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(slow, first);
        Assert.Equal(2, await quick);
    }

    [Fact]
    public async Task ConcurrentServer_CompletesCallsOutOfOrder()
    {
        await using var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { MaxConcurrentCalls = 4 });
        Task<int> slow = channel.Client.DelayAsync(2000).AsTask();
        Assert.Equal(2, await channel.Client.AddAsync(1, 1).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(slow.IsCompleted);
        Assert.Equal(2000, await slow.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(1, true)]
    public async Task ManyThreads_NeverGetEachOthersReplies(int serverConcurrency, bool continuationsOnThreadPool)
    {
        await using var channel = InProcessChannel.Start(
            serverOptions: new ChannelOptions { MaxConcurrentCalls = serverConcurrency },
            clientOptions: new ChannelOptions { RunContinuationsAsynchronously = continuationsOnThreadPool });
        const int threads = 8;
        const int callsPerThread = 1500;

        var workers = Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < callsPerThread; i++)
            {
                int a = (t * 1_000_000) + i;
                int expected = a + t;
                int actual = (i % 3) switch
                {
                    0 => channel.Client.Add(a, t),
                    1 => await channel.Client.AddAsync(a, t),
                    _ => BitConverter.ToInt32(await channel.Client.EchoAsync(BitConverter.GetBytes(expected))),
                };
                Assert.Equal(expected, actual);
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task SyncCallFromAnAwaitContinuation_DoesNotDeadlock()
    {
        // With inline continuations the code after an await runs on the client's reader thread; a synchronous call
        // made there must read its own reply rather than wait for the (busy) reader.
        await using var channel = InProcessChannel.Start();
        for (int i = 0; i < 50; i++)
        {
            int sum = await channel.Client.AddAsync(i, 1);
            Assert.Equal(sum + 1, channel.Client.Add(sum, 1));
        }
    }

    [Fact]
    public async Task SyncCall_AllocatesNothingOnTheCallingThread()
    {
        await using var channel = InProcessChannel.Start();
        for (int i = 0; i < 1000; i++)
        {
            channel.Client.Add(i, i); // warm up pools, JIT, buffers
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            channel.Client.Add(i, i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
