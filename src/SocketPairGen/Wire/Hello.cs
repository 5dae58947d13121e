using System.Buffers.Binary;
using System.Text;
using SocketPairGen.Channels;

namespace SocketPairGen.Wire;

/// <summary>
/// The handshake frame's payload, the first frame each side sends:
/// <code>
/// offset size field
///      0    4 magic "SPGW"
///      4    2 protocol version (2)
///      6    1 role of the sender (1 client, 2 server)
///      7    1 reserved, 0
///      8   16 contract fingerprint, little-endian
///     24    4 the largest frame payload the sender accepts (4096 to 2^30)
///     28    4 request window: how many unanswered requests a server accepts (at least 1); 0 from a client
///     32    8 request window: how many payload bytes of unanswered requests a server accepts (at least its
///             largest frame payload); 0 from a client
///     40    2 reserved, 0 (not checked)
///     42    2 contract name length N (at most 1024)
///     44    N contract name, UTF-8
/// </code>
/// A client sends no request before it has read the server's handshake, so it knows the server's limits from its
/// first request on.
/// </summary>
internal static class Hello
{
    public const uint Magic = 0x57475053; // "SPGW" little-endian
    public const ushort ProtocolVersion = 2;
    public const byte ClientRole = 1;
    public const byte ServerRole = 2;
    /// <summary>The longest handshake: the fixed part, the name's length and the longest name.</summary>
    public const int MaxPayloadLength = NameOffset + 2 + ChannelContract.MaxNameLength;

    /// <summary>Where the contract name's length sits; the name follows it.</summary>
    private const int NameOffset = 42;

    /// <summary>The smallest and the largest maximum frame size a side may announce (<see cref="ChannelOptions.MaxFrameSize"/>'s range).</summary>
    private const int MinFrameSize = 4096;
    private const int MaxFrameSize = 1 << 30;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the hello of <paramref name="contract"/> for the given role; returns a whole frame.</summary>
    public static byte[] EncodeFrame(ChannelContract contract, byte role, HelloInfo info)
    {
        byte[] name = StrictUtf8.GetBytes(contract.Name);
        int payloadLength = NameOffset + 2 + name.Length;
        byte[] frame = new byte[FrameHeader.Size + payloadLength];
        new FrameHeader(payloadLength, FrameKind.Hello, 0, 0).Write(frame);
        Span<byte> payload = frame.AsSpan(FrameHeader.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(payload, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(payload[4..], ProtocolVersion);
        payload[6] = role;
        payload[7] = 0;
        BinaryPrimitives.WriteUInt128LittleEndian(payload[8..], contract.Fingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(payload[24..], info.MaxFrameSize);
        BinaryPrimitives.WriteInt32LittleEndian(payload[28..], info.RequestWindowCount);
        BinaryPrimitives.WriteInt64LittleEndian(payload[32..], info.RequestWindowBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(payload[NameOffset..], (ushort)name.Length);
        name.CopyTo(payload[(NameOffset + 2)..]);
        return frame;
    }

    /// <summary>
    /// Validates the peer's hello against our contract and returns the limits it announces. Throws
    /// <see cref="ChannelProtocolException"/> naming both contracts when they differ, or describing what is malformed.
    /// </summary>
    public static HelloInfo Validate(ReadOnlySpan<byte> payload, ChannelContract ours, byte expectedPeerRole)
    {
        if (payload.Length < NameOffset + 2 || BinaryPrimitives.ReadUInt32LittleEndian(payload) != Magic)
        {
            throw new ChannelProtocolException("The peer's first frame is not a SocketPairGen handshake.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(payload[4..]);
        if (version != ProtocolVersion)
        {
            throw new ChannelProtocolException(
                $"The peer speaks SocketPairGen protocol version {version}; this side speaks version {ProtocolVersion}.");
        }

        byte role = payload[6];
        if (role != expectedPeerRole || payload[7] != 0)
        {
            string expected = expectedPeerRole == ServerRole ? "a server" : "a client";
            throw new ChannelProtocolException(
                $"The peer's handshake does not come from {expected}: both ends of the socket act as the same side of the channel.");
        }

        UInt128 fingerprint = BinaryPrimitives.ReadUInt128LittleEndian(payload[8..]);
        HelloInfo info = ReadLimits(payload, role);
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[NameOffset..]);
        if (nameLength > ChannelContract.MaxNameLength || payload.Length != NameOffset + 2 + nameLength)
        {
            throw new ChannelProtocolException("The peer's handshake has a malformed contract name.");
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(payload.Slice(NameOffset + 2, nameLength));
        }
        catch (DecoderFallbackException ex)
        {
            throw new ChannelProtocolException("The peer's handshake has a contract name that is not valid UTF-8.", ex);
        }

        if (fingerprint != ours.Fingerprint || name != ours.Name)
        {
            throw new ChannelProtocolException(
                $"Contract mismatch: this side speaks {ours}, the peer speaks {ChannelContract.Describe(name, fingerprint)}. " +
                "Build both processes from the same contract.");
        }

        return info;
    }

    /// <summary>Reads and checks the announced limits: a frame size in range, and a request window only from a
    /// server, large enough for one request of its largest frame.</summary>
    private static HelloInfo ReadLimits(ReadOnlySpan<byte> payload, byte role)
    {
        var info = new HelloInfo(
            BinaryPrimitives.ReadInt32LittleEndian(payload[24..]),
            BinaryPrimitives.ReadInt32LittleEndian(payload[28..]),
            BinaryPrimitives.ReadInt64LittleEndian(payload[32..]));
        if (info.MaxFrameSize is < MinFrameSize or > MaxFrameSize)
        {
            throw new ChannelProtocolException(
                $"The peer's handshake announces a maximum frame size of {info.MaxFrameSize} bytes, outside {MinFrameSize} to {MaxFrameSize}.");
        }

        bool windowValid = role == ServerRole
            ? info.RequestWindowCount >= 1 && info.RequestWindowBytes >= info.MaxFrameSize
            : info.RequestWindowCount == 0 && info.RequestWindowBytes == 0;
        if (!windowValid)
        {
            throw new ChannelProtocolException(
                $"The peer's handshake announces a request window of {info.RequestWindowCount} requests and {info.RequestWindowBytes} bytes, " +
                "which its role does not allow.");
        }

        return info;
    }
}
