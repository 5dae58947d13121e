using System.Buffers.Binary;
using System.Text;
using SocketPairGen.Channels;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>What the handshake target expects of a hostile handshake frame.</summary>
internal enum HelloVerdict
{
    /// <summary>The frame is a valid handshake of our contract from the expected role: the channel must work.</summary>
    Accept,

    /// <summary>Something is wrong with it: the channel must fail with <see cref="ChannelProtocolException"/> and decode nothing.</summary>
    Reject,

    /// <summary>A valid handshake followed by more bytes (a raw input longer than its frame): only the general promises hold.</summary>
    Unknown,
}

/// <summary>
/// An independent reading of the handshake's documented layout (see <c>Wire/Hello.cs</c>) and of the team's rules for
/// its header (kind Hello, zero flags and reserved bytes, call id 0 and method id 0). The handshake target compares
/// the channel's decision with this one, so a check that the channel drops or adds shows up as a finding.
/// </summary>
internal static class HelloSpec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static HelloVerdict Judge(ReadOnlySpan<byte> frame, ChannelContract contract, byte expectedRole)
    {
        if (frame.Length < FrameHeader.Size)
        {
            return HelloVerdict.Reject;
        }

        RawFrame header = RawFrame.Parse(frame, 0);
        if (!header.IsKind(FrameKind.Hello) || header.Flags != 0 || header.Reserved != 0 || header.CallId != 0 || header.MethodId != 0
            || header.PayloadLength > Limits.MaxFrameSize || header.PayloadLength > (uint)(frame.Length - FrameHeader.Size))
        {
            return HelloVerdict.Reject;
        }

        if (!PayloadIsValid(frame.Slice(FrameHeader.Size, (int)header.PayloadLength), contract, expectedRole))
        {
            return HelloVerdict.Reject;
        }

        return frame.Length == FrameHeader.Size + header.PayloadLength ? HelloVerdict.Accept : HelloVerdict.Unknown;
    }

    private static bool PayloadIsValid(ReadOnlySpan<byte> payload, ChannelContract contract, byte expectedRole)
    {
        const int nameOffset = 42;
        if (payload.Length < nameOffset + 2
            || BinaryPrimitives.ReadUInt32LittleEndian(payload) != 0x57475053
            || BinaryPrimitives.ReadUInt16LittleEndian(payload[4..]) != 2
            || payload[6] != expectedRole
            || payload[7] != 0
            || BinaryPrimitives.ReadUInt128LittleEndian(payload[8..]) != contract.Fingerprint)
        {
            return false;
        }

        int maxFrame = BinaryPrimitives.ReadInt32LittleEndian(payload[24..]);
        int windowCount = BinaryPrimitives.ReadInt32LittleEndian(payload[28..]);
        long windowBytes = BinaryPrimitives.ReadInt64LittleEndian(payload[32..]);
        bool windowValid = expectedRole == Hello.ServerRole
            ? windowCount >= 1 && windowBytes >= maxFrame
            : windowCount == 0 && windowBytes == 0;
        if (maxFrame is < 4096 or > 1 << 30 || !windowValid)
        {
            return false;
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[nameOffset..]);
        if (nameLength > ChannelContract.MaxNameLength || payload.Length != nameOffset + 2 + nameLength)
        {
            return false;
        }

        try
        {
            return StrictUtf8.GetString(payload.Slice(nameOffset + 2, nameLength)) == contract.Name;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
