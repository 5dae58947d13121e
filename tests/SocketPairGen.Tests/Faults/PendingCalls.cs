using System.Diagnostics;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Faults;

/// <summary>
/// Calls of every kind a caller can be blocked in, started on one client and watched: when each one ends and how.
/// A synchronous call runs on a thread of its own (it blocks it); an awaited one records its end in its
/// continuation.
/// </summary>
internal sealed class PendingCalls
{
    private readonly IStress.Client _client;
    private readonly List<Watched> _calls = [];
    private readonly List<CancellationTokenSource> _tokenSources = [];
    private long _nextNumber = 1;

    public PendingCalls(IStress.Client client) => _client = client;

    public int Count => _calls.Count;

    /// <summary>One call of each kind, each with a small request and a small reply: a synchronous call without and
    /// with a token, awaited <see cref="ValueTask{TResult}"/> calls without and with a token, a <see cref="Task{TResult}"/>
    /// call and an empty-reply call.</summary>
    public PendingCalls StartOneOfEach()
    {
        StartSync("sync Run", (order, payload) => _client.Run(order, payload));
        StartSync("sync RunCancellable with a token", (order, payload) => _client.RunCancellable(order, payload, NewToken()));
        StartAwaited("awaited RunAsync without a token", (order, payload) => _client.RunAsync(order, payload, CancellationToken.None).AsTask());
        StartAwaited("awaited RunAsync with a token", (order, payload) => _client.RunAsync(order, payload, NewToken()).AsTask());
        StartAwaited("awaited RunTaskAsync with a token", (order, payload) => _client.RunTaskAsync(order, payload, NewToken()));
        StartAwaited("awaited RunVoidAsync with a token", async (order, _) =>
        {
            await _client.RunVoidAsync(order, NewToken());
            return [];
        });
        return this;
    }

    /// <summary>A synchronous call on its own thread, with a request payload of <paramref name="payloadLength"/> bytes.</summary>
    public void StartSync(string name, Func<StressOrder, ReadOnlyMemory<byte>, byte[]> call, int payloadLength = 16)
    {
        (StressOrder order, byte[] payload) = NextCall(payloadLength);
        var watched = new Watched(name);
        var thread = new Thread(() =>
        {
            try
            {
                call(order, payload);
                watched.End(null);
            }
            catch (Exception ex)
            {
                watched.End(ex);
            }
        })
        { IsBackground = true, Name = "Stress fault call" };
        thread.Start();
        _calls.Add(watched);
    }

    /// <summary>An awaited call started on a pool thread (its send may block), with a request payload of
    /// <paramref name="payloadLength"/> bytes.</summary>
    public void StartAwaited(string name, Func<StressOrder, ReadOnlyMemory<byte>, Task<byte[]>> call, int payloadLength = 16)
    {
        (StressOrder order, byte[] payload) = NextCall(payloadLength);
        var watched = new Watched(name);
        _ = Task.Run(async () =>
        {
            try
            {
                await call(order, payload).ConfigureAwait(false);
                watched.End(null);
            }
            catch (Exception ex)
            {
                watched.End(ex);
            }
        });
        _calls.Add(watched);
    }

    /// <summary>
    /// Waits for every call to end, then checks that each failed with <see cref="ChannelClosedException"/> within
    /// <paramref name="bound"/> of <paramref name="faultAt"/>. Returns each call's latency (ms) for the report.
    /// </summary>
    public async Task<string> AssertAllClosedAsync(long faultAt, TimeSpan bound)
    {
        Task all = Task.WhenAll(_calls.Select(c => c.Ended));
        if (await Task.WhenAny(all, Task.Delay(SocketText.Timeout)) != all)
        {
            string stuck = string.Join(", ", _calls.Where(c => !c.Ended.IsCompleted).Select(c => c.Name));
            Assert.Fail($"Calls still pending {SocketText.Timeout.TotalSeconds} s after the fault: {stuck}.");
        }

        var problems = new List<string>();
        foreach (Watched call in _calls)
        {
            TimeSpan latency = Stopwatch.GetElapsedTime(faultAt, call.EndedAt);
            if (call.Error is not ChannelClosedException)
            {
                problems.Add($"{call.Name} ended with {Describe(call.Error)} after {latency.TotalMilliseconds:F1} ms");
            }
            else if (latency > bound)
            {
                problems.Add($"{call.Name} failed {latency.TotalMilliseconds:F1} ms after the fault");
            }
        }

        Assert.True(problems.Count == 0, "Expected every pending call to fail with ChannelClosedException: " + string.Join("; ", problems) + ".");
        return string.Join(", ", _calls.Select(c => $"{c.Name} {Stopwatch.GetElapsedTime(faultAt, c.EndedAt).TotalMilliseconds:F1} ms"));
    }

    /// <summary>Latencies in milliseconds of the calls that ended, for the distribution in the test output.</summary>
    public IEnumerable<double> Latencies(long faultAt) =>
        _calls.Where(c => c.Ended.IsCompleted).Select(c => Stopwatch.GetElapsedTime(faultAt, c.EndedAt).TotalMilliseconds);

    public void DisposeTokens()
    {
        foreach (CancellationTokenSource source in _tokenSources)
        {
            source.Dispose();
        }
    }

    private static string Describe(Exception? error) =>
        error is null ? "a result" : $"{error.GetType().Name}: {error.Message}";

    private (StressOrder Order, byte[] Payload) NextCall(int payloadLength)
    {
        long number = _nextNumber++;
        return (new StressOrder(number, StressAction.Reply, 0, StressPattern.ReplyPrefixLength), StressPattern.Request(number, payloadLength));
    }

    /// <summary>A token that never fires: the call is cancellable, which changes who reads its reply.</summary>
    private CancellationToken NewToken()
    {
        var source = new CancellationTokenSource();
        lock (_tokenSources)
        {
            _tokenSources.Add(source);
        }

        return source.Token;
    }

    private sealed class Watched(string name)
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = name;

        public Task Ended => _ended.Task;

        public long EndedAt { get; private set; }

        public Exception? Error { get; private set; }

        public void End(Exception? error)
        {
            EndedAt = Stopwatch.GetTimestamp();
            Error = error;
            _ended.SetResult();
        }
    }
}
