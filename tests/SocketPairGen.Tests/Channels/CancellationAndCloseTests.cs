using System.Diagnostics;
using System.Net.Sockets;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels;

public class CancellationAndCloseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CancelledCall_EndsAtOnce_AndTheServersTokenFires()
    {
        // The default server runs one call at a time: the Add below can only run once the 60 s delay has been
        // cancelled on the server, so its prompt reply proves the server's token fired.
        await using var channel = InProcessChannel.Start();
        using var cts = new CancellationTokenSource();
        Task<int> delay = channel.Client.DelayAsync(60_000, cts.Token).AsTask();
        await Task.Delay(50);

        var stopwatch = Stopwatch.StartNew();
        cts.Cancel();
        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay.WaitAsync(Timeout));
        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {stopwatch.Elapsed}");

        Assert.Equal(7, await channel.Client.AddAsync(3, 4).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task CallWithAnAlreadyCancelledToken_IsNotSent()
    {
        await using var channel = InProcessChannel.Start();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.Client.AddAsync(1, 2, new CancellationToken(true)).AsTask());
        Assert.Equal(3, channel.Client.Add(1, 2));
    }

    [Fact]
    public async Task CancellingAQueuedCall_RepliesCancelledWithoutRunningIt()
    {
        await using var channel = InProcessChannel.Start();
        Task<int> running = channel.Client.DelayAsync(300).AsTask();
        using var cts = new CancellationTokenSource();
        Task<int> queued = channel.Client.DelayAsync(60_000, cts.Token).AsTask();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Timeout));
        Assert.Equal(300, await running.WaitAsync(Timeout));
        Assert.Equal(2, await channel.Client.AddAsync(1, 1).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ManyCancellations_LeaveTheChannelConsistent()
    {
        await using var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { MaxConcurrentCalls = 8 });
        var calls = new List<Task>();
        for (int i = 0; i < 200; i++)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(i % 7));
            calls.Add(channel.Client.DelayAsync(i % 5, cts.Token).AsTask());
        }

        foreach (Task call in calls)
        {
            try
            {
                await call.WaitAsync(Timeout);
            }
            catch (OperationCanceledException)
            {
                // Either outcome is fine; what matters is that every call ends and the channel still works.
            }
        }

        Assert.Equal(42, await channel.Client.AddAsync(40, 2).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ServerGoingAway_FailsPendingAndLaterCallsWithClosed()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        using var stop = new CancellationTokenSource();
        Task server = Calculator.ServeAsync(serverEnd, cancellationToken: stop.Token);
        await using var client = new CalculatorClient(clientEnd);
        Assert.Equal(2, client.Add(1, 1));

        Task<int> pending = client.DelayAsync(60_000).AsTask();
        await Task.Delay(50);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.WaitAsync(Timeout));
        await Assert.ThrowsAsync<ChannelClosedException>(() => pending.WaitAsync(Timeout));
        Assert.Throws<ChannelClosedException>(() => client.Add(1, 1));
        await Assert.ThrowsAsync<ChannelClosedException>(() => client.AddAsync(1, 1).AsTask());
    }

    [Fact]
    public async Task DisposingTheClient_FailsABlockedSyncCall_AndCompletesTheServer()
    {
        var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { MaxConcurrentCalls = 2 });
        Task<int> blocked = Task.Run(() => channel.Client.Delay(60_000));
        await Task.Delay(100);

        channel.Client.Dispose();

        await Assert.ThrowsAsync<ChannelClosedException>(() => blocked.WaitAsync(Timeout));
        await channel.Server.WaitAsync(Timeout); // completes normally: the client closed the channel
        Assert.Throws<ChannelClosedException>(() => channel.Client.Add(1, 1));
    }

    [Fact]
    public async Task OversizedRequest_FailsBeforeSending_AndTheChannelStaysUsable()
    {
        await using var channel = InProcessChannel.Start(clientOptions: new ChannelOptions { MaxFrameSize = 4096 });
        var error = Assert.Throws<ChannelProtocolException>(() => channel.Client.Echo(new byte[8192]));
        Assert.Contains("maximum frame size", error.Message);
        Assert.Equal(3, channel.Client.Add(1, 2));
    }

    [Fact]
    public async Task RequestOverTheServersMaximum_FailsBeforeSending_AndTheChannelStaysUsable()
    {
        // The server announces its maximum in its handshake: the client refuses the call itself instead of sending a
        // frame the server would have to treat as a protocol error.
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = Calculator.ServeAsync(serverEnd, new ChannelOptions { MaxFrameSize = 4096 });
        await using var client = new CalculatorClient(clientEnd);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.EchoAsync(new byte[10_000]).AsTask().WaitAsync(Timeout));
        Assert.Contains("server's maximum frame size of 4096 bytes", error.Message);
        Assert.Equal(3, await client.AddAsync(1, 2).AsTask().WaitAsync(Timeout));
        Assert.False(server.IsCompleted);
    }

    [Fact]
    public async Task ReplyOverTheServersMaximum_ComesBackAsARemoteError()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = SocketPairGen.Channels.ChannelServer.ServeAsync(
            serverEnd, Calculator.Contract, new OversizedReplyDispatcher(), new ChannelOptions { MaxFrameSize = 4096 });
        await using var client = new CalculatorClient(clientEnd);

        var error = Assert.Throws<ChannelRemoteException>(() => client.Echo([1, 2, 3]));
        Assert.Equal(typeof(ChannelProtocolException).FullName, error.RemoteTypeName);
        Assert.Contains("maximum frame size", error.RemoteMessage);
        Assert.Equal(3, client.Echo([1, 2, 3, 4, 5]).Length); // a small reply still goes through
    }

    /// <summary>Replies to an Echo of N bytes with 2000 × N bytes.</summary>
    private sealed class OversizedReplyDispatcher : SocketPairGen.Channels.IChannelDispatcher
    {
        public void Dispatch(SocketPairGen.Channels.ServerCall call, ReadOnlyMemory<byte> payload)
        {
            int length = BlockPayload.Read(payload.Span).Length;
            call.Reply(new BlockPayload(new byte[length == 5 ? 3 : 2000 * length]));
        }
    }

    [Fact]
    public async Task RemoteStackTrace_IsSentOnlyWhenTheServerAsks()
    {
        await using var channel = InProcessChannel.Start(serverOptions: new ChannelOptions { IncludeRemoteStackTrace = true });
        var error = Assert.Throws<ChannelRemoteException>(() => channel.Client.Throw("x"));
        Assert.NotNull(error.RemoteStackTrace);
    }
}
