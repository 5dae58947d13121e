using System.Diagnostics;
using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// Scenario 4: a Cancel frame fires the token of the call it names and of no other, even when that call finishes
/// (and its pooled token source goes to the next call) at the very moment the cancel is handled.
/// </summary>
public class TokenSourceReuseTests
{
    private const int Iterations = 5000;

    [Fact]
    public void CancelArrivingAsTheCallFinishes_NeverFiresTheNextCallsToken()
    {
        // Call A takes its token and replies from its own thread right as the server's reader takes in a frame that
        // holds the next request B (queued behind A) and then a Cancel for A. The reply's timing is swept across the
        // moments the reader spends between its recv and the Cancel. When A's finish lands between the server
        // looking up A's token source and firing it, that source must not have gone to B. That window is a few
        // instructions wide, so this loop hits it only now and then (about once in 20,000 iterations on the code
        // before the fix, more often under load); the test below takes the losing order step by step.
        using var race = new RaceDispatcher();
        using RawClient client = RawClient.Start(race, new ChannelOptions { MaxConcurrentCalls = 1 });
        race.ServerSocket = client.ServerSocket;

        var random = new Random(4);
        int wronglyCanceled = 0;

        for (int i = 0; i < Iterations; i++)
        {
            uint a = (uint)(2 * i) + 2;
            uint b = a + 1;
            client.Request(a, Calculator.AddId);
            Assert.True(race.WaitUntilRunning(), "call A did not start");

            race.ReplyDelayTicks = random.NextInt64(0, Stopwatch.Frequency / 200_000); // 0 to 5 µs
            client.Peer.Send([.. RawClient.RequestFrame(b, Calculator.PingId), .. RawClient.CancelFrame(a)]);
            race.Go();

            for (int replies = 0; replies < 2; replies++)
            {
                (FrameHeader header, _) = client.Read();
                if (header.CallId == b && header.Kind != FrameKind.Response)
                {
                    wronglyCanceled++;
                }
            }
        }

                Assert.True(wronglyCanceled == 0, $"{wronglyCanceled} of {Iterations} calls were cancelled by a Cancel for another call");
        Assert.False(client.Server.IsCompleted);
    }

    [Fact]
    public void SourceTakenForACancel_IsNeverHandedToTheNextCall()
    {
        // The losing order of the race above, step by step: the reader takes call A's token source for a Cancel; A
        // finishes before the reader fires it; B starts and takes a token; only then does the source fire.
        var calls = new List<(ServerCall Call, CancellationToken Token)>();
        var started = new SemaphoreSlim(0);
        var dispatcher = new DelegateDispatcher((call, _) =>
        {
            lock (calls)
            {
                calls.Add((call, call.CancellationToken));
            }

            started.Release();
        });
        using RawClient client = RawClient.Start(dispatcher, new ChannelOptions { MaxConcurrentCalls = 2 });
        ChannelServer server = client.Instance!;

        client.Request(1, Calculator.AddId);
        Assert.True(started.Wait(RawClient.Timeout));
        CancellationTokenSource? source = server.TakeTokenSourceToCancel(1, out bool queued);
        Assert.False(queued);
        Assert.NotNull(source);

        (ServerCall a, CancellationToken tokenA) = calls[0];
        a.Reply(new ValuePayload<int>(1));
        FrameHeader header = client.Read().Header;
        Assert.Equal((FrameKind.Response, 1u), (header.Kind, header.CallId));

        client.Request(2, Calculator.PingId);
        Assert.True(started.Wait(RawClient.Timeout));
        (ServerCall b, CancellationToken tokenB) = calls[1];

        source.Cancel();
        Assert.True(tokenA.IsCancellationRequested);
        Assert.False(tokenB.IsCancellationRequested, "the Cancel for call A fired call B's token");
        b.Reply(default(EmptyPayload));
        header = client.Read().Header;
        Assert.Equal((FrameKind.Response, 2u), (header.Kind, header.CallId));
    }

    [Fact]
    public void TokenKeptAfterTheReply_IsNeverFiredByALaterCallsCancel()
    {
        // An implementation may hand its token to work that outlives the call (a background task). Once call A is
        // answered its token source must not serve call B: the Cancel for B would then show on A's token too.
        var tokens = new List<CancellationToken>();
        var started = new SemaphoreSlim(0);
        var dispatcher = new DelegateDispatcher((call, _) =>
        {
            CancellationToken token = call.CancellationToken;
            lock (tokens)
            {
                tokens.Add(token);
            }

            if (call.MethodId == Calculator.AddId)
            {
                call.Reply(new ValuePayload<int>(1)); // answered at once; the token is kept
                return;
            }

            started.Release();
            ThreadPool.UnsafeQueueUserWorkItem(
                state =>
                {
                    state.Token.WaitHandle.WaitOne(RawClient.Timeout);
                    state.Call.ReplyError(new OperationCanceledException(state.Token));
                },
                (Call: call, Token: token),
                preferLocal: false);
        });
        using RawClient client = RawClient.Start(dispatcher, new ChannelOptions { MaxConcurrentCalls = 1 });

        client.Request(1, Calculator.AddId);
        FrameHeader header = client.Read().Header;
        Assert.Equal((FrameKind.Response, 1u), (header.Kind, header.CallId));
        client.Request(2, Calculator.PingId);
        Assert.True(started.Wait(RawClient.Timeout));
        client.Cancel(2);
        header = client.Read().Header;
        Assert.Equal((FrameKind.Canceled, 2u), (header.Kind, header.CallId));

        Assert.True(tokens[1].IsCancellationRequested);
        Assert.False(tokens[0].IsCancellationRequested, "the Cancel for call 2 shows on the token call 1 kept after its reply");
    }

    /// <summary>Add (call A): take the token, reply from a worker thread when told. Ping (call B): take the token,
    /// wait a little for it to fire, reply Canceled if it did.</summary>
    private sealed class RaceDispatcher : IChannelDispatcher, IDisposable
    {
        private readonly SemaphoreSlim _running = new(0);
        private readonly SemaphoreSlim _go = new(0);
        private readonly Thread _worker;
        private readonly CancellationTokenSource _stop = new();
        private ServerCall _callA;

        public RaceDispatcher()
        {
            _worker = new Thread(ReplyToA) { IsBackground = true, Name = "race worker" };
            _worker.Start();
        }

        public Socket? ServerSocket { get; set; }

        public long ReplyDelayTicks { get; set; }

        public bool WaitUntilRunning() => _running.Wait(RawClient.Timeout);

        public void Go() => _go.Release();

        public void Dispatch(ServerCall call, ReadOnlyMemory<byte> payload)
        {
            CancellationToken token = call.CancellationToken;
            if (call.MethodId == Calculator.AddId)
            {
                _callA = call;
                _running.Release();
                return;
            }

            long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10_000; // 100 µs
            while (!token.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(10);
            }

            if (token.IsCancellationRequested)
            {
                call.ReplyError(new OperationCanceledException(token));
            }
            else
            {
                call.Reply(default(EmptyPayload));
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _worker.Join(RawClient.Timeout);
            _stop.Dispose();
        }

        private void ReplyToA()
        {
            try
            {
                while (true)
                {
                    _go.Wait(_stop.Token);

                    // The frame with B and the Cancel is in the server's socket; once the reader has taken it in,
                    // the Cancel is handled within microseconds.
                    long give = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                    while (ServerSocket!.Available > 0 && Stopwatch.GetTimestamp() < give)
                    {
                    }

                    long until = Stopwatch.GetTimestamp() + ReplyDelayTicks;
                    while (Stopwatch.GetTimestamp() < until)
                    {
                    }

                    _callA.Reply(new ValuePayload<int>(0));
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        }
    }
}
