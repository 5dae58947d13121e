using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SocketPairGen.Wire;

/// <summary>
/// The 16-byte header in front of every frame. The whole frame layout lives here:
/// <code>
/// offset size field
///      0    4 payload length, little-endian, excluding the header
///      4    1 kind (<see cref="FrameKind"/>)
///      5    1 flags, must be 0
///      6    2 method id (requests, and the replies to them; 0 for Hello and Cancel)
///      8    4 call id (0 for Hello)
///     12    2 descriptors: how many travel with the frame (SCM_RIGHTS), at most <see cref="MaxDescriptors"/>
///     14    2 reserved, must be 0
///     16    … payload
/// </code>
/// Sixteen bytes keep the payload 8-byte aligned in our buffers.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct FrameHeader(int PayloadLength, FrameKind Kind, ushort MethodId, uint CallId)
{
    /// <summary>The size of the header on the wire.</summary>
    public const int Size = 16;

    /// <summary>The most descriptors a frame may carry: what one <c>sendmsg</c> can (the kernel's <c>SCM_MAX_FD</c>).</summary>
    public const int MaxDescriptors = 253;

    /// <summary>
    /// The request window's descriptor measure: a client's unanswered requests may together be able to carry at most
    /// this many descriptors, each counted at what its method declares. A server that queues requests holds their
    /// descriptors, so this bounds what a client can make it hold; a client waits for room, as for the other measures.
    /// </summary>
    public const int MaxUnansweredDescriptors = 1024;

    /// <summary>How many descriptors travel with the frame, attached to the first <c>sendmsg</c> that sends its bytes.</summary>
    public int Descriptors { get; init; }

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, PayloadLength);
        destination[4] = (byte)Kind;
        destination[5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], MethodId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], CallId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[12..], (ushort)Descriptors);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], 0);
    }

    /// <summary>
    /// Reads and validates a header: a known kind, zero flags and reserved bytes, a payload length between 0
    /// and <paramref name="maxPayloadLength"/>, at most <see cref="MaxDescriptors"/> descriptors, and the fields each
    /// kind fixes (<see cref="CheckKindRules"/>).
    /// Throws <see cref="ChannelProtocolException"/> otherwise, before a byte of the payload is read.
    /// </summary>
    public static FrameHeader Read(ReadOnlySpan<byte> source, int maxPayloadLength)
    {
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(source);
        byte kind = source[4];
        byte flags = source[5];
        ushort descriptors = BinaryPrimitives.ReadUInt16LittleEndian(source[12..]);
        ushort reserved = BinaryPrimitives.ReadUInt16LittleEndian(source[14..]);

        if (kind is < (byte)FrameKind.Hello or > (byte)FrameKind.Cancel)
        {
            throw new ChannelProtocolException($"Received a frame of unknown kind {kind}.");
        }

        if (flags != 0 || reserved != 0)
        {
            throw new ChannelProtocolException($"Received a {(FrameKind)kind} frame whose reserved header bytes are not zero.");
        }

        if (length > (uint)maxPayloadLength)
        {
            throw new ChannelProtocolException(
                $"Received a {(FrameKind)kind} frame announcing {length} bytes, more than the maximum frame size of {maxPayloadLength} bytes.");
        }

        if (descriptors > MaxDescriptors)
        {
            throw new ChannelProtocolException(
                $"Received a {(FrameKind)kind} frame announcing {descriptors} descriptors; a frame carries at most {MaxDescriptors}.");
        }

        var header = new FrameHeader(
            (int)length,
            (FrameKind)kind,
            BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]))
        {
            Descriptors = descriptors,
        };
        header.CheckKindRules();
        return header;
    }

    /// <summary>
    /// The rules of each kind, checked here so both sides enforce them: a Hello belongs to no call and no method and
    /// is never longer than a handshake can be; a Cancel names a call only; Cancel and Canceled carry no payload; only
    /// requests and responses carry descriptors.
    /// (A reply's method id must match its request's; only the client can check that.)
    /// </summary>
    private void CheckKindRules()
    {
        switch (Kind)
        {
            case FrameKind.Hello when CallId != 0 || MethodId != 0:
                throw new ChannelProtocolException(
                    $"Received a Hello frame with call id {CallId:x8} and method id {MethodId}; a handshake has neither.");
            case FrameKind.Hello when PayloadLength > Hello.MaxPayloadLength:
                throw new ChannelProtocolException(
                    $"Received a Hello frame announcing {PayloadLength} bytes; a handshake is at most {Hello.MaxPayloadLength} bytes.");
            case FrameKind.Cancel when MethodId != 0:
                throw new ChannelProtocolException($"Received a Cancel frame with method id {MethodId}; a cancel names only the call.");
            case FrameKind.Cancel or FrameKind.Canceled when PayloadLength != 0:
                throw new ChannelProtocolException($"Received a {Kind} frame with {PayloadLength} bytes of payload; it carries none.");
            case not (FrameKind.Request or FrameKind.Response) when Descriptors != 0:
                throw new ChannelProtocolException($"Received a {Kind} frame announcing {Descriptors} descriptors; only requests and responses carry any.");
        }
    }
}
