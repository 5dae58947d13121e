namespace SocketPairGen.TestContracts;

/// <summary>The benchmark's contract: small calls and blocks.</summary>
[SocketPairChannel]
public partial interface IArithmetic
{
    int Add(int a, int b);

    ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken = default);

    long Length(ReadOnlyMemory<byte> block);

    ValueTask<long> LengthAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken = default);
}
