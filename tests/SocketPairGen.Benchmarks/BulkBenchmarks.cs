using BenchmarkDotNet.Attributes;

namespace SocketPairGen.Benchmarks;

/// <summary>1 MiB to a child process and a small answer back: the raw socket baseline against a channel call.</summary>
[MemoryDiagnoser]
public class BulkBenchmarks
{
    private readonly byte[] _block = new byte[1024 * 1024];
    private Peers _peers = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_block);
        _peers = new Peers();
    }

    [GlobalCleanup]
    public void Cleanup() => _peers.Dispose();

    [Benchmark(Baseline = true, Description = "raw Socket Send 1 MiB, 8 B back")]
    public void RawBulk() => _peers.RawBulk(_block);

    [Benchmark(Description = "generated call, 1 MiB ReadOnlyMemory<byte>, long back")]
    public long ChannelBulk() => _peers.Client.Length(_block);
}
