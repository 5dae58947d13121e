using System.Buffers.Binary;
using System.Globalization;

namespace SocketPairGen.TestContracts;

/// <summary>
/// The bytes of a stress call, derived from its call number: both ends compute them, so neither has to trust what
/// arrived. A reply is the call number (8 bytes, little-endian) followed by the call's reply pattern.
/// </summary>
public static class StressPattern
{
    /// <summary>The call number at the start of every reply.</summary>
    public const int ReplyPrefixLength = 8;

    private const ulong RequestSalt = 0x5245_5155_4553_5400; // "REQUEST"
    private const ulong ReplySalt = 0x5245_504C_5900_0000; // "REPLY"

    /// <summary>The request payload of call <paramref name="callNumber"/>.</summary>
    public static byte[] Request(long callNumber, int length)
    {
        byte[] payload = GC.AllocateUninitializedArray<byte>(length);
        Fill(payload, callNumber, RequestSalt);
        return payload;
    }

    /// <summary>The offset of the first byte that differs from call <paramref name="callNumber"/>'s request
    /// pattern, or -1 when <paramref name="payload"/> is that pattern.</summary>
    public static int FindRequestMismatch(ReadOnlySpan<byte> payload, long callNumber) =>
        FindMismatch(payload, callNumber, RequestSalt);

    /// <summary>The reply of call <paramref name="callNumber"/>: its number, then its pattern.</summary>
    public static byte[] Reply(long callNumber, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, ReplyPrefixLength);
        byte[] reply = GC.AllocateUninitializedArray<byte>(length);
        BinaryPrimitives.WriteInt64LittleEndian(reply, callNumber);
        Fill(reply.AsSpan(ReplyPrefixLength), callNumber, ReplySalt);
        return reply;
    }

    /// <summary>Why <paramref name="reply"/> is not call <paramref name="callNumber"/>'s reply of
    /// <paramref name="length"/> bytes, or null when it is.</summary>
    public static string? CheckReply(byte[] reply, long callNumber, int length)
    {
        if (reply.Length < ReplyPrefixLength)
        {
            return $"a reply of {reply.Length} bytes, shorter than the call number";
        }

        long named = BinaryPrimitives.ReadInt64LittleEndian(reply);
        if (named != callNumber)
        {
            return $"the reply of call {Describe(named)} (crossed reply)";
        }

        if (reply.Length != length)
        {
            return $"a reply of {reply.Length} bytes instead of {length}";
        }

        int mismatch = FindMismatch(reply.AsSpan(ReplyPrefixLength), callNumber, ReplySalt);
        return mismatch < 0 ? null : $"a reply whose byte {ReplyPrefixLength + mismatch} of {length} differs from its pattern";
    }

    /// <summary>The message of the exception a <see cref="StressAction.Throw"/> call throws.</summary>
    public static string ErrorMessage(long callNumber) => $"stress call {Describe(callNumber)} failed on purpose";

    /// <summary>A call number as "w3#17": worker 3 (high 32 bits), its call 17 (low 32 bits).</summary>
    public static string Describe(long callNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"w{callNumber >> 32}#{callNumber & 0xFFFF_FFFF}");

    private static void Fill(Span<byte> destination, long callNumber, ulong salt)
    {
        ulong seed = Mix((ulong)callNumber ^ salt);
        int words = destination.Length / 8;
        for (int i = 0; i < words; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i * 8)..], Word(seed, i));
        }

        Span<byte> last = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(last, Word(seed, words));
        last[..(destination.Length - (words * 8))].CopyTo(destination[(words * 8)..]);
    }

    private static int FindMismatch(ReadOnlySpan<byte> source, long callNumber, ulong salt)
    {
        ulong seed = Mix((ulong)callNumber ^ salt);
        int words = source.Length / 8;
        for (int i = 0; i < words; i++)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(source[(i * 8)..]) != Word(seed, i))
            {
                return i * 8;
            }
        }

        Span<byte> last = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(last, Word(seed, words));
        for (int i = words * 8; i < source.Length; i++)
        {
            if (source[i] != last[i - (words * 8)])
            {
                return i;
            }
        }

        return -1;
    }

    // Every word differs from its neighbours and from other calls' words: a shifted or swapped block shows.
    private static ulong Word(ulong seed, int index) => Mix(seed + ((ulong)index * 0x9E37_79B9_7F4A_7C15));

    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58_476D_1CE4_E5B9;
        x ^= x >> 27;
        x *= 0x94D0_49BB_1331_11EB;
        return x ^ (x >> 31);
    }
}
