using BenchmarkDotNet.Attributes;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// The StreamJsonRpc peer on the same transport as the channel benchmarks (a socketpair to a child process):
/// compare with <see cref="RoundTripBenchmarks"/> (Add) and a 4 KiB block to the child, its length back.
/// </summary>
[MemoryDiagnoser]
public class JsonRpcBenchmarks
{
    private readonly byte[] _block = new byte[4096];
    private JsonRpcPeer _peer = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_block);
        _peer = new JsonRpcPeer();
    }

    [GlobalCleanup]
    public void Cleanup() => _peer.Dispose();

    [Benchmark(Description = "StreamJsonRpc call, awaited AddAsync(int, int)")]
    public Task<int> JsonRpcAdd() => _peer.AddAsync(1, 2);

    [Benchmark(Description = "StreamJsonRpc call carrying 4 KiB byte[], int back")]
    public Task<int> JsonRpc4KiB() => _peer.EchoLengthAsync(_block);
}
