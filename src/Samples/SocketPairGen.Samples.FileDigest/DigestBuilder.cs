using System.Security.Cryptography;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// Accumulates one file's digest from its bytes in order. The worker uses it to answer calls and the supervisor
/// uses it to check the worker's answers (<c>--verify</c>), so both count bytes and lines the same way.
/// </summary>
internal sealed class DigestBuilder : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _byteCount;
    private long _lineCount;

    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256.AppendData(data);
        _byteCount += data.Length;
        _lineCount += data.Count((byte)'\n');
    }

    /// <summary>The digest of everything appended since the last <see cref="Finish"/> or <see cref="Reset"/>; starts over.</summary>
    public DigestRecord Finish(long fileId)
    {
        var record = new DigestRecord { FileId = fileId, ByteCount = _byteCount, LineCount = _lineCount };
        _sha256.GetHashAndReset(record.Hash);
        _byteCount = 0;
        _lineCount = 0;
        return record;
    }

    /// <summary>Drops a file that was not finished.</summary>
    public void Reset()
    {
        // IncrementalHash has no plain reset: computing and discarding the hash is how to start over.
        Span<byte> discarded = stackalloc byte[DigestRecord.HashLength];
        _sha256.GetHashAndReset(discarded);
        _byteCount = 0;
        _lineCount = 0;
    }

    public void Dispose() => _sha256.Dispose();
}
