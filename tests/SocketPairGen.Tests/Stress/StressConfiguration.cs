using System.Globalization;

namespace SocketPairGen.Tests.Stress;

/// <summary>One way of running the randomized stress: where the server lives, how it schedules calls, where awaited
/// continuations run, and how many callers make how many calls.</summary>
/// <param name="Name">Names the configuration in the test's display name and in failure reports.</param>
/// <param name="InChild">Serve from a TestChild process (<c>serve-stress</c>) rather than in this process.</param>
/// <param name="MaxConcurrentCalls">The server's <see cref="ChannelOptions.MaxConcurrentCalls"/>.</param>
/// <param name="AsyncContinuations">The client's <see cref="ChannelOptions.RunContinuationsAsynchronously"/>.</param>
/// <param name="SyncWorkers">Threads that make synchronous calls only.</param>
/// <param name="AsyncWorkers">Asynchronous callers: mostly awaited calls, some concurrent, some synchronous from
/// their continuations (which run on the client's reader thread unless continuations are asynchronous).</param>
/// <param name="CallsPerWorker">How many calls each worker plans.</param>
/// <param name="Seed">The seed CI runs.</param>
/// <param name="Profile">What the calls look like.</param>
internal sealed record StressConfiguration(
    string Name,
    bool InChild,
    int MaxConcurrentCalls,
    bool AsyncContinuations,
    int SyncWorkers,
    int AsyncWorkers,
    int CallsPerWorker,
    int Seed,
    StressProfile Profile = StressProfile.Mixed)
{
    /// <summary>Small, so that payloads near the maximum are cheap.</summary>
    public const int MaxFrameSize = 256 * 1024;

    /// <summary>Replays one seed: <c>SOCKETPAIRGEN_STRESS_SEED=1234</c>.</summary>
    public const string SeedVariable = "SOCKETPAIRGEN_STRESS_SEED";

    /// <summary>The long mode: run new seeds for this many seconds per configuration,
    /// <c>SOCKETPAIRGEN_STRESS_SECONDS=600</c>.</summary>
    public const string SecondsVariable = "SOCKETPAIRGEN_STRESS_SECONDS";

    public static readonly StressConfiguration[] All =
    [
        new("in-process, 1 at a time, inline continuations", InChild: false, 1, AsyncContinuations: false, 3, 3, 250, Seed: 10_001),
        new("in-process, 4 at once, pool continuations", InChild: false, 4, AsyncContinuations: true, 3, 3, 250, Seed: 10_002),
        new("child, 1 at a time, pool continuations", InChild: true, 1, AsyncContinuations: true, 3, 3, 250, Seed: 10_003),
        new("child, 4 at once, inline continuations", InChild: true, 4, AsyncContinuations: false, 3, 3, 250, Seed: 10_004),
    ];

    /// <summary>Scenario 9 of issue 10: large requests and large replies at once, one call at a time on the server,
    /// and awaited callers whose inline continuations (on the client's reader thread) make the next calls, synchronous
    /// and awaited.</summary>
    public static readonly StressConfiguration[] FullDuplex =
    [
        new("full duplex, in-process", InChild: false, 1, AsyncContinuations: false, 4, 4, 25, Seed: 20_001, StressProfile.FullDuplex),
        new("full duplex, child", InChild: true, 1, AsyncContinuations: false, 4, 4, 25, Seed: 20_002, StressProfile.FullDuplex),
    ];

    public int Workers => SyncWorkers + AsyncWorkers;

    public override string ToString() => Name;

    /// <summary>The seeds to run: the one <see cref="SeedVariable"/> names, else in the long mode a fresh one after
    /// another for <see cref="SecondsVariable"/> seconds, else this configuration's CI seed.</summary>
    public IEnumerable<int> Seeds()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int replay))
        {
            yield return replay;
            yield break;
        }

        if (!int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds))
        {
            yield return Seed;
            yield break;
        }

        DateTime end = DateTime.UtcNow.AddSeconds(seconds);
        int seed = Random.Shared.Next(1, int.MaxValue / 2);
        while (DateTime.UtcNow < end)
        {
            yield return seed++;
        }
    }
}

/// <summary>What the calls of a stress run look like.</summary>
internal enum StressProfile
{
    /// <summary>Every shape, action, cancellation and size (<see cref="CallPlanner"/>).</summary>
    Mixed,

    /// <summary>Large requests and large replies, no errors, delays or cancellations; awaited callers alternate
    /// awaited and synchronous calls.</summary>
    FullDuplex,
}
