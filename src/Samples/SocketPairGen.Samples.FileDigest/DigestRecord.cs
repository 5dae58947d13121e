using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// A worker's answer for one file. Unmanaged and of fixed size, so it crosses the channel as its own bytes: the
/// hash is a fixed buffer, not an array (an array would be a reference the wire cannot carry inside a struct).
/// </summary>
internal unsafe struct DigestRecord
{
    public const int HashLength = 32;

    /// <summary>The id the supervisor gave the file, echoed back so an answer can never be filed under the wrong file.</summary>
    public long FileId;

    public long ByteCount;

    /// <summary>The number of '\n' bytes (what <c>wc -l</c> counts).</summary>
    public long LineCount;

    public fixed byte Sha256[HashLength];

    /// <summary>The SHA-256 bytes, in place.</summary>
    [UnscopedRef]
    public Span<byte> Hash => MemoryMarshal.CreateSpan(ref Sha256[0], HashLength);

    /// <summary>Whether the two records describe the same content.</summary>
    public static bool SameContent(ref DigestRecord left, ref DigestRecord right) =>
        left.ByteCount == right.ByteCount && left.LineCount == right.LineCount && left.Hash.SequenceEqual(right.Hash);
}
