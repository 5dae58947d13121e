using System.Buffers.Binary;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Harness;

/// <summary>
/// A frame header as the bytes say, unvalidated (the oracles judge what the channel did with it, so they must not
/// reject it the way the channel would). The layout is <see cref="FrameHeader"/>'s.
/// </summary>
internal readonly record struct RawFrame(int Offset, uint PayloadLength, byte Kind, byte Flags, ushort MethodId, uint CallId, uint Reserved)
{
    public bool IsKind(FrameKind kind) => Kind == (byte)kind;

    public static RawFrame Parse(ReadOnlySpan<byte> header, int offset) => new(
        offset,
        BinaryPrimitives.ReadUInt32LittleEndian(header),
        header[4],
        header[5],
        BinaryPrimitives.ReadUInt16LittleEndian(header[6..]),
        BinaryPrimitives.ReadUInt32LittleEndian(header[8..]),
        BinaryPrimitives.ReadUInt32LittleEndian(header[12..]));

    /// <summary>
    /// Splits <paramref name="stream"/> into frames by their length fields alone. Returns true when the stream ends
    /// exactly at a frame boundary (an empty stream does), false when it ends inside a header or a payload.
    /// </summary>
    public static bool Split(ReadOnlySpan<byte> stream, List<RawFrame> frames)
    {
        frames.Clear();
        int offset = 0;
        while (stream.Length - offset >= FrameHeader.Size)
        {
            RawFrame frame = Parse(stream.Slice(offset, FrameHeader.Size), offset);
            long end = offset + (long)FrameHeader.Size + frame.PayloadLength;
            if (end > stream.Length)
            {
                return false;
            }

            frames.Add(frame);
            offset = (int)end;
        }

        return offset == stream.Length;
    }

    /// <summary>True when a frame of <paramref name="kind"/> for <paramref name="callId"/> is among <paramref name="frames"/>.</summary>
    public static bool Contains(List<RawFrame> frames, FrameKind kind, uint callId)
    {
        foreach (RawFrame frame in frames)
        {
            if (frame.Kind == (byte)kind && frame.CallId == callId)
            {
                return true;
            }
        }

        return false;
    }
}
