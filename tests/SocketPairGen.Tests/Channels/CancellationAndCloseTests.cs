using System.Diagnostics;
using System.Net.Sockets;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.TestContracts;

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
    public async Task CancellingCallsInFlight_FiresExactlyTheirServerTokens_AndTheChannelStaysConsistent()
    {
        // Every call waits on the server until its token fires or the test releases it. Each round starts calls of
        // every cancellable shape, waits until the server runs all of them, then cancels half (from this thread, a
        // timer and the pool): those end with their own token's OperationCanceledException, their server tokens
        // fire, and no other call's does; the rest are released and return their own replies.
        var service = new StressService(keepJournal: true);
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = IStress.ServeAsync(serverEnd, service, new ChannelOptions { MaxConcurrentCalls = 32 });
        var cancelledNumbers = new List<long>();
        await using (IStress.Client client = IStress.Connect(clientEnd))
        {
            long number = 0;
            for (int round = 0; round < 4; round++)
            {
                var calls = new List<InFlightCall>();
                for (int i = 0; i < 12; i++)
                {
                    calls.Add(InFlightCall.Start(client, ++number, shape: i % 6, cancel: (i + round) % 2 == 0));
                }

                await Task.WhenAll(calls.Select(c => service.WhenStarted(c.Number))).WaitAsync(Timeout);

                InFlightCall[] cancelled = [.. calls.Where(c => c.Cancel)];
                for (int i = 0; i < cancelled.Length; i++)
                {
                    CancellationTokenSource source = cancelled[i].Source;
                    switch (i % 3)
                    {
                        case 0:
                            source.Cancel();
                            break;
                        case 1:
                            source.CancelAfter(1);
                            break;
                        default:
                            _ = Task.Run(source.Cancel);
                            break;
                    }
                }

                foreach (InFlightCall call in cancelled)
                {
                    var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Task.WaitAsync(Timeout));
                    Assert.Equal(call.Source.Token, canceled.CancellationToken);
                }

                cancelledNumbers.AddRange(cancelled.Select(c => c.Number));
                await WaitUntil(() => cancelledNumbers.All(n => service.TokenFiredAt(n) is not null), "the cancelled calls' server tokens fired");

                foreach (InFlightCall call in calls.Where(c => !c.Cancel))
                {
                    Assert.False(call.Task.IsCompleted, $"call {call.Number} ({call.Shape}) ended before it was released");
                    service.Release(call.Number);
                    byte[] reply = await call.Task.WaitAsync(Timeout);
                    Assert.Null(call.IsVoid ? null : StressPattern.CheckReply(reply, call.Number, call.ReplyLength));
                }

                Assert.Equal(cancelledNumbers.Order(), service.CallsWithFiredTokens.Order());
                Assert.Empty(service.WaitsTimedOut);
                calls.ForEach(c => c.Source.Dispose());
            }

            var last = new StressOrder(++number, StressAction.Reply, 0, 100);
            Assert.Null(StressPattern.CheckReply(client.Run(last, StressPattern.Request(number, 10)), number, 100));
        }

        await server.WaitAsync(Timeout);
    }

    /// <summary>A <see cref="StressAction.WaitForCancel"/> call of one of the cancellable shapes, in flight.</summary>
    private sealed record InFlightCall(long Number, string Shape, bool IsVoid, int ReplyLength, bool Cancel, CancellationTokenSource Source, Task<byte[]> Task)
    {
        public static InFlightCall Start(IStress.Client client, long number, int shape, bool cancel)
        {
            var source = new CancellationTokenSource();
            int replyLength = StressPattern.ReplyPrefixLength + (int)number;
            var order = new StressOrder(number, StressAction.WaitForCancel, 60_000, replyLength);
            byte[] payload = StressPattern.Request(number, (int)number * 3);
            (string name, Task<byte[]> task) = shape switch
            {
                0 or 3 => ("awaited RunAsync", client.RunAsync(order, payload, source.Token).AsTask()),
                1 or 4 => ("awaited RunTaskAsync", client.RunTaskAsync(order, payload, source.Token)),
                2 => ("awaited RunVoidAsync", Empty(client.RunVoidAsync(order, source.Token))),
                _ => ("sync RunCancellable", System.Threading.Tasks.Task.Factory.StartNew(
                    () => client.RunCancellable(order, payload, source.Token), TaskCreationOptions.LongRunning)),
            };
            return new InFlightCall(number, name, shape == 2, replyLength, cancel, source, task);
        }

        private static async Task<byte[]> Empty(ValueTask call)
        {
            await call;
            return [];
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Timeout, $"Timed out waiting until {what}.");
            await Task.Delay(5);
        }
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
