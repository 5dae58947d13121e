using System.Buffers.Binary;
using System.Text;
using SocketPairGen.Channels;

namespace SocketPairGen.Wire;

/// <summary>
/// The handshake frame's payload, the first frame each side sends:
/// <code>
/// offset size field
///      0    4 magic "SPGW"
///      4    2 protocol version (1)
///      6    1 role of the sender (1 client, 2 server)
///      7    1 reserved, 0
///      8   16 contract fingerprint, little-endian
///     24    2 contract name length N (at most 1024)
///     26    N contract name, UTF-8
/// </code>
/// </summary>
internal static class Hello
{
    public const uint Magic = 0x57475053; // "SPGW" little-endian
    public const ushort ProtocolVersion = 1;
    public const byte ClientRole = 1;
    public const byte ServerRole = 2;
    public const int MaxPayloadLength = 26 + ChannelContract.MaxNameLength;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes the hello of <paramref name="contract"/> for the given role; returns a whole frame.</summary>
    public static byte[] EncodeFrame(ChannelContract contract, byte role)
    {
        byte[] name = StrictUtf8.GetBytes(contract.Name);
        int payloadLength = 26 + name.Length;
        byte[] frame = new byte[FrameHeader.Size + payloadLength];
        new FrameHeader(payloadLength, FrameKind.Hello, 0, 0).Write(frame);
        Span<byte> payload = frame.AsSpan(FrameHeader.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(payload, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(payload[4..], ProtocolVersion);
        payload[6] = role;
        payload[7] = 0;
        BinaryPrimitives.WriteUInt128LittleEndian(payload[8..], contract.Fingerprint);
        BinaryPrimitives.WriteUInt16LittleEndian(payload[24..], (ushort)name.Length);
        name.CopyTo(payload[26..]);
        return frame;
    }

    /// <summary>
    /// Validates the peer's hello against our contract. Throws <see cref="ChannelProtocolException"/> naming
    /// both contracts when they differ, or describing what is malformed.
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> payload, ChannelContract ours, byte expectedPeerRole)
    {
        if (payload.Length < 26 || BinaryPrimitives.ReadUInt32LittleEndian(payload) != Magic)
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
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[24..]);
        if (nameLength > ChannelContract.MaxNameLength || payload.Length != 26 + nameLength)
        {
            throw new ChannelProtocolException("The peer's handshake has a malformed contract name.");
        }

        string name;
        try
        {
            name = StrictUtf8.GetString(payload.Slice(26, nameLength));
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
    }
}
