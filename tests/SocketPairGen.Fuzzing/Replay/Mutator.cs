using System.Buffers.Binary;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Targets;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Replay;

/// <summary>
/// The mutations CI runs without AFL: from a fixed seed, each input is a corpus entry with one to four edits —
/// bit flips, bytes set to telling values, splices from another entry, truncations, edits of a frame's length, kind
/// or call id, and of a count inside its payload (frames found by splitting the input after its control byte).
/// </summary>
internal sealed class Mutator(IReadOnlyList<FuzzInput> corpus, int seed)
{
    private static readonly byte[] TellingBytes = [0, 1, 2, 0x7F, 0x80, 0xFE, 0xFF];
    private static readonly uint[] TellingLengths = [0, 1, 4096, Limits.MaxFrameSize, Limits.MaxFrameSize + 1, int.MaxValue, uint.MaxValue];
    private static readonly int[] TellingCounts = [-2, -1, 0, 1, 0x10_0000, int.MaxValue, int.MinValue];

    private readonly Random _random = new(seed);
    private readonly List<RawFrame> _frames = [];

    /// <summary>The next mutated input, named after the entry it came from and its index.</summary>
    public FuzzInput Next(int index)
    {
        FuzzInput origin = corpus[_random.Next(corpus.Count)];
        var data = new List<byte>(origin.Bytes);
        int edits = 1 + _random.Next(4);
        for (int i = 0; i < edits; i++)
        {
            Edit(data);
        }

        if (data.Count == 0)
        {
            data.Add(0);
        }

        return new FuzzInput($"mutation-{index}-of-{origin.Name}", [.. data]);
    }

    private void Edit(List<byte> data)
    {
        switch (_random.Next(9))
        {
            case 0 when data.Count > 0:
                data[_random.Next(data.Count)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[_random.Next(data.Count)] = TellingBytes[_random.Next(TellingBytes.Length)];
                break;
            case 2:
                Splice(data);
                break;
            case 3 when data.Count > 1:
                // Cut the tail, or (half the time) a piece from the middle.
                int from = 1 + _random.Next(data.Count - 1);
                int count = _random.Next(2) == 0 ? data.Count - from : 1 + _random.Next(Math.Min(64, data.Count - from));
                data.RemoveRange(from, count);
                break;
            case 4:
                EditFrame(data, FrameField.Length);
                break;
            case 5:
                EditFrame(data, FrameField.CallId);
                break;
            case 6:
                EditFrame(data, FrameField.Kind);
                break;
            case 7:
                EditFrame(data, FrameField.PayloadCount);
                break;
            default:
                // Another frame of the same or another entry, whole, somewhere between this one's frames.
                Splice(data, wholeFrame: true);
                break;
        }
    }

    private void Splice(List<byte> data, bool wholeFrame = false)
    {
        byte[] other = corpus[_random.Next(corpus.Count)].Bytes;
        if (other.Length <= 1)
        {
            return;
        }

        ReadOnlySpan<byte> body = other.AsSpan(1);
        ReadOnlySpan<byte> piece;
        if (wholeFrame)
        {
            RawFrame.Split(body, _frames);
            if (_frames.Count == 0)
            {
                return;
            }

            RawFrame frame = _frames[_random.Next(_frames.Count)];
            piece = body.Slice(frame.Offset, FrameHeader.Size + (int)frame.PayloadLength);
        }
        else
        {
            int start = _random.Next(body.Length);
            piece = body.Slice(start, 1 + _random.Next(Math.Min(body.Length - start, 256)));
        }

        int at = wholeFrame ? FrameBoundary(data) : 1 + _random.Next(Math.Max(1, data.Count));
        data.InsertRange(Math.Min(at, data.Count), piece.ToArray());
    }

    private int FrameBoundary(List<byte> data)
    {
        if (data.Count <= 1)
        {
            return data.Count;
        }

        RawFrame.Split(data.ToArray().AsSpan(1), _frames);
        int pick = _random.Next(_frames.Count + 1);
        return pick == _frames.Count ? data.Count : 1 + _frames[pick].Offset;
    }

    private void EditFrame(List<byte> data, FrameField field)
    {
        if (data.Count <= 1 + FrameHeader.Size)
        {
            return;
        }

        byte[] bytes = [.. data];
        RawFrame.Split(bytes.AsSpan(1), _frames);
        if (_frames.Count == 0)
        {
            return;
        }

        RawFrame frame = _frames[_random.Next(_frames.Count)];
        Span<byte> header = bytes.AsSpan(1 + frame.Offset, FrameHeader.Size);
        switch (field)
        {
            case FrameField.Length:
                uint length = _random.Next(3) switch
                {
                    0 => TellingLengths[_random.Next(TellingLengths.Length)],
                    1 => frame.PayloadLength + (uint)_random.Next(-8, 9),
                    _ => (uint)_random.Next(),
                };
                BinaryPrimitives.WriteUInt32LittleEndian(header, length);
                break;
            case FrameField.CallId:
                uint callId = _random.Next(3) switch
                {
                    0 => _frames[_random.Next(_frames.Count)].CallId,
                    1 => frame.CallId + (uint)_random.Next(-2, 3),
                    _ => (uint)_random.Next(),
                };
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], callId);
                break;
            case FrameField.PayloadCount when frame.PayloadLength >= 4:
                // An element count or a string length inside the payload, on a 4-byte boundary (where the encoders
                // put them in most payloads).
                int at = 1 + frame.Offset + FrameHeader.Size + (4 * _random.Next((int)Math.Min(frame.PayloadLength, 256) / 4));
                if (at + 4 <= bytes.Length)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), TellingCounts[_random.Next(TellingCounts.Length)]);
                }

                break;
            case FrameField.PayloadCount:
                break;
            default:
                header[4] = (byte)_random.Next(8);
                break;
        }

        data.Clear();
        data.AddRange(bytes);
    }

    private enum FrameField
    {
        Length,
        CallId,
        Kind,
        PayloadCount,
    }
}
