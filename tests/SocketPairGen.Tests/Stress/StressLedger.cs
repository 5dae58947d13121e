using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// The calls of one stress run: which are in flight and since when (for the watchdog), how the others ended, and
/// every failure. A call is opened once and closed once; a second close is itself a failure (a call completed twice).
/// </summary>
internal sealed class StressLedger
{
    private readonly ConcurrentDictionary<long, InFlight> _inFlight = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private int _returned;
    private int _remoteErrors;
    private int _cancelled;
    private int _aborted;

    public int Returned => _returned;

    public int RemoteErrors => _remoteErrors;

    public int Cancelled => _cancelled;

    public int Completed => _returned + _remoteErrors + _cancelled + _failures.Count;

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>The run was stopped (the watchdog found stuck calls): calls ending now end because of that, and are
    /// not judged.</summary>
    public bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>The calls the client cancelled, for the server journal's lost-cancellation check.</summary>
    public ConcurrentDictionary<long, byte> CancelledByClient { get; } = new();

    public void Open(CallPlan plan) => _inFlight[plan.Number] = new InFlight(plan, Stopwatch.GetTimestamp(), CurrentThread());

    /// <summary>Closes a call and judges its outcome (<see cref="StressOracle"/>).</summary>
    public void Close(CallPlan plan, byte[]? reply, Exception? error, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            CancelledByClient.TryAdd(plan.Number, 0);
        }

        if (!_inFlight.TryRemove(plan.Number, out InFlight? opened))
        {
            Fail($"{plan} completed twice");
            return;
        }

        if (IsAborted && error is ChannelClosedException)
        {
            return;
        }

        string? wrong = StressOracle.Judge(plan, reply, error, token);
        if (wrong is not null)
        {
            Fail($"{plan} {wrong} (after {Stopwatch.GetElapsedTime(opened.Since).TotalMilliseconds:F1} ms)");
        }
        else if (error is null)
        {
            Interlocked.Increment(ref _returned);
        }
        else if (error is OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
        }
        else
        {
            Interlocked.Increment(ref _remoteErrors);
        }
    }

    public void Fail(string failure) => _failures.Enqueue(failure);

    /// <summary>Stops the run; returns false if it was already stopped.</summary>
    public bool Abort() => Interlocked.Exchange(ref _aborted, 1) == 0;

    /// <summary>The oldest call in flight and how long it has been, or null when none is.</summary>
    public TimeSpan OldestAge()
    {
        long now = Stopwatch.GetTimestamp();
        long oldest = _inFlight.Values.Select(c => c.Since).DefaultIfEmpty(now).Min();
        return Stopwatch.GetElapsedTime(oldest, now);
    }

    /// <summary>The calls in flight, oldest first, with their age and the managed thread that made them.</summary>
    public string DescribeInFlight(int limit = 25)
    {
        InFlight[] calls = [.. _inFlight.Values.OrderBy(c => c.Since)];
        var text = new StringBuilder();
        foreach (InFlight call in calls.Take(limit))
        {
            text.Append("\n  ").Append(call.Plan)
                .Append($", in flight for {Stopwatch.GetElapsedTime(call.Since).TotalSeconds:F1} s, made on {call.Thread}");
        }

        if (calls.Length > limit)
        {
            text.Append($"\n  … and {calls.Length - limit} more");
        }

        return text.ToString();
    }

    public int InFlightCount => _inFlight.Count;

    /// <summary>Which thread made a call: with inline continuations, the client's reader thread makes calls too.</summary>
    private static string CurrentThread()
    {
        Thread thread = Thread.CurrentThread;
        string kind = thread.Name ?? (thread.IsThreadPoolThread ? "a pool thread" : "an unnamed thread");
        return $"'{kind}' (managed thread {thread.ManagedThreadId})";
    }

    private sealed record InFlight(CallPlan Plan, long Since, string Thread);
}
