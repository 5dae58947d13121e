using System.Diagnostics;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// One seed of the randomized stress: synchronous workers on threads of their own and asynchronous workers on the
/// pool call one channel, each following its plan (<see cref="CallPlanner"/>); <see cref="StressLedger"/> judges
/// every call; a watchdog stops the run when a call has been in flight too long and reports the stuck calls.
/// </summary>
internal sealed class StressRun
{
    /// <summary>No call in a healthy run takes this long: the longest server wait is
    /// <see cref="CallPlanner.CancelWaitLimitMilliseconds"/>, the rest is queueing on a busy 2-core machine.</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);

    /// <summary>A run takes seconds; one still going after this long is stuck somewhere other than in a call.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    /// <summary>How long workers get to end after the watchdog has closed the channel under them.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(10);

    private readonly StressConfiguration _configuration;
    private readonly int _seed;
    private readonly StressLedger _ledger = new();
    private StressChannel? _channel;
    private string? _stuckReport;

    private StressRun(StressConfiguration configuration, int seed)
    {
        _configuration = configuration;
        _seed = seed;
    }

    /// <summary>Runs <paramref name="seed"/> and returns its report; <see cref="StressResult.Failures"/> is empty when
    /// every call ended as it should and the server ended cleanly.</summary>
    public static Task<StressResult> RunAsync(StressConfiguration configuration, int seed) => new StressRun(configuration, seed).RunAsync();

    private async Task<StressResult> RunAsync()
    {
        var elapsed = Stopwatch.StartNew();
        _channel = StressChannel.Start(_configuration);
        var workers = new List<Task>();
        for (int worker = 0; worker < _configuration.Workers; worker++)
        {
            workers.Add(worker < _configuration.SyncWorkers ? StartSyncWorker(worker) : StartAsyncWorker(worker));
        }

        Task all = Task.WhenAll(workers);
        var watchdog = new Thread(() => Watch(all)) { IsBackground = true, Name = "Stress watchdog" };
        watchdog.Start();
        using (var finished = new CancellationTokenSource())
        {
            await Task.WhenAny(all, AbortedThenGrace(finished.Token));
            finished.Cancel();
        }

        watchdog.Join();

        var failures = new List<string>();
        if (_stuckReport is not null)
        {
            failures.Add(_stuckReport);
            if (!all.IsCompleted)
            {
                failures.Add($"{_ledger.InFlightCount} calls still had not ended {AbortGrace.TotalSeconds} s after the channel was disposed under them:"
                    + _ledger.DescribeInFlight());
            }
        }

        failures.AddRange(_ledger.Failures);
        if (all.IsFaulted)
        {
            failures.Add($"a worker crashed: {all.Exception}");
        }

        string? closing = await _channel.CloseAsync(_ledger.IsAborted);
        if (closing is not null)
        {
            failures.Add(_ledger.IsAborted ? $"after the watchdog closed the channel, {closing}" : closing);
        }

        failures.AddRange(LostCancellations());
        return new StressResult(_configuration, _seed, _ledger.Completed, _ledger.Returned, _ledger.RemoteErrors, _ledger.Cancelled, elapsed.Elapsed, failures);
    }

    private Task StartSyncWorker(int worker)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var planner = new CallPlanner(_seed, worker, asyncWorker: false, StressConfiguration.MaxFrameSize, _configuration.Profile);
        var thread = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < _configuration.CallsPerWorker && !_ledger.IsAborted; i++)
                {
                    StressCaller.CallSync(_channel!.Client, planner.Next(), _ledger);
                }

                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = $"Stress sync {worker}" };
        thread.Start();
        return done.Task;
    }

    /// <summary>Awaited calls, one at a time or a burst of two to four at once. The code after each await is this
    /// worker's next call: with inline continuations it runs on the client's reader thread, synchronous calls
    /// included.</summary>
    private Task StartAsyncWorker(int worker) => Task.Run(async () =>
    {
        var planner = new CallPlanner(_seed, worker, asyncWorker: true, StressConfiguration.MaxFrameSize, _configuration.Profile);
        int made = 0;
        while (made < _configuration.CallsPerWorker && !_ledger.IsAborted)
        {
            int burst = Math.Min(planner.Random.Next(100) < 20 ? planner.Random.Next(2, 5) : 1, _configuration.CallsPerWorker - made);
            var calls = new Task[burst];
            for (int i = 0; i < burst; i++)
            {
                calls[i] = StressCaller.CallAsync(_channel!.Client, planner.Next(), _ledger);
            }

            await Task.WhenAll(calls).ConfigureAwait(false);
            made += burst;
        }
    });

    private void Watch(Task workers)
    {
        var running = Stopwatch.StartNew();
        WaitHandle finished = ((IAsyncResult)workers).AsyncWaitHandle; // waiting on it never throws, unlike Task.Wait
        while (!finished.WaitOne(TimeSpan.FromMilliseconds(100)))
        {
            TimeSpan oldest = _ledger.OldestAge();
            string? stuck = oldest > StuckAfter ? $"a call has been in flight for {oldest.TotalSeconds:F1} s"
                : running.Elapsed > RunLimit ? $"the run has not finished after {RunLimit.TotalSeconds:F0} s"
                : null;
            if (stuck is not null && _ledger.Abort())
            {
                _stuckReport = $"Stuck: {stuck} (seed {_seed}, {_configuration}). " +
                    $"In flight when the watchdog closed the channel:{_ledger.DescribeInFlight()}";
                _channel!.Abort();
                return;
            }
        }
    }

    /// <summary>Completes <see cref="AbortGrace"/> after the watchdog stopped the run, or when the run finished.</summary>
    private async Task AbortedThenGrace(CancellationToken finished)
    {
        while (!_ledger.IsAborted && !finished.IsCancellationRequested)
        {
            await Task.Delay(100, finished).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.Delay(AbortGrace, finished).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A cancelled <see cref="StressAction.WaitForCancel"/> call whose server wait ran its full length:
    /// the server never saw the cancellation (in-process only, where the server's journal is readable).</summary>
    private IEnumerable<string> LostCancellations()
    {
        StressService? service = _channel!.Service;
        if (service is null || _ledger.IsAborted)
        {
            yield break;
        }

        long[] lost = [.. service.WaitsTimedOut.Where(_ledger.CancelledByClient.ContainsKey).Order()];
        if (lost.Length > 0)
        {
            yield return $"{lost.Length} cancelled calls kept running on the server for their full {CallPlanner.CancelWaitLimitMilliseconds} ms " +
                $"(their cancel frame was never acted on): {string.Join(", ", lost.Take(20).Select(StressPattern.Describe))}";
        }
    }
}
