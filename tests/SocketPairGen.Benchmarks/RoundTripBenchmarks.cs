using BenchmarkDotNet.Attributes;

namespace SocketPairGen.Benchmarks;

/// <summary>Round trips to a child process: the raw socket baseline against channel calls.</summary>
[MemoryDiagnoser]
public class RoundTripBenchmarks
{
    private static readonly byte[] Block4KiB = new byte[4096];
    private Peers _peers = null!;

    [GlobalSetup]
    public void Setup() => _peers = new Peers();

    [GlobalCleanup]
    public void Cleanup() => _peers.Dispose();

    [Benchmark(Baseline = true, Description = "raw Socket Send/Receive, 16 B each way")]
    public void RawSyncPingPong() => _peers.RawPingPong();

    [Benchmark(Description = "generated call, sync Add(int, int)")]
    public int ChannelSyncAdd() => _peers.Client.Add(1, 2);

    [Benchmark(Description = "generated call, awaited AddAsync(int, int)")]
    public ValueTask<int> ChannelAwaitedAdd() => _peers.Client.AddAsync(1, 2);

    [Benchmark(Description = "generated call, 4 KiB ReadOnlyMemory<byte>, long back")]
    public long Generated4KiB() => _peers.Client.Length(Block4KiB);

    [Benchmark(Description = "generated call, awaited, continuations on the thread pool")]
    public ValueTask<int> ChannelAwaitedAddPoolContinuations() => _peers.ClientWithPoolContinuations.AddAsync(1, 2);
}
