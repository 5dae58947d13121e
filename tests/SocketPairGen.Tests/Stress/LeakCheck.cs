using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// What a test must leave behind: the descriptors and the counted threads (<see cref="ThreadCensus"/>) it found.
/// Take it before the channel exists, check it after everything is disposed. Tests using it belong to
/// <see cref="DescriptorCountCollection"/>, so no other test opens descriptors or starts channels meanwhile.
/// </summary>
internal sealed class LeakCheck
{
    /// <summary>Threads end and the server's socket closes on their own threads shortly after disposal.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    private static int s_warmedUp;

    private readonly int _descriptors;
    private readonly Dictionary<int, string> _snapshot;
    private readonly HashSet<string> _threads;

    private LeakCheck()
    {
        _descriptors = Descriptors.CountAfterFinalizers();
        _snapshot = Descriptors.Snapshot();
        _threads = ThreadCensus.Take();
    }

    /// <summary>Takes the counts, after warming up what the runtime and the library open once per process.</summary>
    public static async Task<LeakCheck> StartAsync()
    {
        if (Interlocked.Exchange(ref s_warmedUp, 1) == 0)
        {
            await WarmUpAsync();
        }

        return new LeakCheck();
    }

    /// <summary>Fails unless the descriptors and threads counted at the start are all that is left.</summary>
    public async Task AssertNothingLeftAsync()
    {
        DateTime deadline = DateTime.UtcNow + SettleTime;
        HashSet<string> extra;
        while ((extra = NewThreads()).Count > 0 || Descriptors.Count() != _descriptors)
        {
            if (DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(20);
        }

        Assert.True(extra.Count == 0, $"Threads left behind {SettleTime.TotalSeconds} s after disposal: {string.Join(", ", extra)}.");
        Descriptors.AssertCount(_descriptors, _snapshot);
    }

    private HashSet<string> NewThreads()
    {
        HashSet<string> now = ThreadCensus.Take();
        now.ExceptWith(_threads);
        return now;
    }

    /// <summary>A child spawn, an in-process channel and an assertion: the first of each opens what the runtime keeps
    /// for the process's life (the signal pipe, console streams, assembly files).</summary>
    private static async Task WarmUpAsync()
    {
        await using (ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["exit"]))
        {
            await child.WaitForExitAsync().WaitAsync(SocketText.Timeout);
        }

        (System.Net.Sockets.Socket clientEnd, System.Net.Sockets.Socket serverEnd) = SocketPair.Create();
        Task server = IStress.ServeAsync(serverEnd, new StressService());
        await using (IStress.Client client = IStress.Connect(clientEnd))
        {
            var order = new StressOrder(1, StressAction.Reply, 0, StressPattern.ReplyPrefixLength);
            client.Run(order, StressPattern.Request(1, 10));
            await client.RunAsync(order with { CallNumber = 2 }, StressPattern.Request(2, 10), CancellationToken.None)
                .AsTask().WaitAsync(SocketText.Timeout);
        }

        await server.WaitAsync(SocketText.Timeout);
        Assert.True(server.IsCompletedSuccessfully, "the warm-up channel's server faulted"); // loads xunit.assert's file too
    }
}
