namespace SocketPairGen.TestContracts;

/// <summary>The server side of <see cref="IArithmetic"/>.</summary>
public sealed class Arithmetic : IArithmetic
{
    public int Add(int a, int b) => unchecked(a + b);

    public ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken = default) => ValueTask.FromResult(unchecked(a + b));

    public long Length(ReadOnlyMemory<byte> block) => block.Length;

    public ValueTask<long> LengthAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken = default) => ValueTask.FromResult((long)block.Length);
}
