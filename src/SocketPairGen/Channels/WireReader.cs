using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using SocketPairGen.Channels.Codecs;
using SocketPairGen.Channels.Descriptors;

namespace SocketPairGen.Channels;

/// <summary>
/// Reads values from a frame payload, front to back, validating as it goes: reading past the end, a
/// <see cref="bool"/> other than 0 or 1, invalid UTF-8 and leftover bytes are <see cref="ChannelProtocolException"/>s.
/// Used by generated decoders; the matching writer is <see cref="WireWriter"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct WireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _source;
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly ReceivedDescriptors? _descriptors;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="source"/>. Blocks are copied out of it.</summary>
    /// <param name="source">The payload's bytes.</param>
    public WireReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
    }

    /// <summary>Starts reading at the beginning of <paramref name="payload"/>, whose memory outlives the reader (a
    /// request on the server): a memory of bytes may point into it instead of being copied
    /// (<see cref="ReadMemory(int)"/>).</summary>
    /// <param name="payload">The payload.</param>
    public WireReader(ReadOnlyMemory<byte> payload)
    {
        _source = payload.Span;
        _payload = payload;
        _position = 0;
        HasPayloadMemory = true;
    }

    /// <summary>Starts reading a payload that arrived with <paramref name="descriptors"/>.</summary>
    internal WireReader(ReadOnlySpan<byte> source, ReceivedDescriptors? descriptors)
        : this(source)
    {
        _descriptors = descriptors;
    }

    /// <summary>Starts reading a request's payload that arrived with <paramref name="descriptors"/>.</summary>
    internal WireReader(ReadOnlyMemory<byte> payload, ReceivedDescriptors? descriptors)
        : this(payload)
    {
        _descriptors = descriptors;
    }

    /// <summary>Whether the reader was made over the payload's memory, so <see cref="ReadMemory(int)"/> can slice it.</summary>
    public bool HasPayloadMemory { get; }

    /// <summary>Whether a value read so far points into the payload's memory: the payload must then stay valid as long
    /// as the value is used (see <see cref="ServerCall.RetainPayload"/>).</summary>
    public bool PointsIntoPayload { get; private set; }

    /// <summary>How many bytes have been read.</summary>
    public readonly int Position => _position;

    /// <summary>How many bytes are left.</summary>
    public readonly int Remaining => _source.Length - _position;

    /// <summary>Reads the bytes of an unmanaged value. Values with invalid bit patterns (bool, enums) need their
    /// own checks: use <see cref="ReadBoolean"/> and validate enums.</summary>
    /// <typeparam name="T">An unmanaged type.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read<T>()
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if ((uint)size > (uint)Remaining)
        {
            ThrowTruncated(size);
        }

        T value = Unsafe.ReadUnaligned<T>(in _source[_position]);
        _position += size;
        return value;
    }

    /// <summary>Reads a <see cref="bool"/>, which must be 0 or 1 on the wire.</summary>
    public bool ReadBoolean()
    {
        byte value = Read<byte>();
        if (value > 1)
        {
            throw new ChannelProtocolException($"Received {value} for a bool; only 0 and 1 are valid.");
        }

        return value == 1;
    }

    /// <summary>Reads a <see cref="decimal"/> written as its 16 bytes, validating them.</summary>
    public decimal ReadDecimal()
    {
        if (Remaining >= 16)
        {
            WireValidation.CheckDecimal(_source[_position..], "a decimal");
        }

        return Read<decimal>();
    }

    /// <summary>Reads a <see cref="DateTime"/> written as its 8 bytes, validating them.</summary>
    public DateTime ReadDateTime()
    {
        if (Remaining >= 8)
        {
            WireValidation.CheckDateTime(_source[_position..], "a DateTime");
        }

        return Read<DateTime>();
    }

    /// <summary>Reads an element count written by <see cref="WireWriter.WriteSpan{T}"/> (or by hand), checking that
    /// that many elements of <paramref name="elementSize"/> bytes can follow. -1 means null.</summary>
    /// <param name="elementSize">The size of one element on the wire.</param>
    public int ReadCount(int elementSize)
    {
        int count = Read<int>();
        if (count < -1 || (long)Math.Max(count, 0) * elementSize > Remaining)
        {
            throw new ChannelProtocolException($"Received a count of {count} elements of {elementSize} bytes with {Remaining} bytes left.");
        }

        return count;
    }

    /// <summary>Reads the element count of a block that cannot be null (a non-nullable array, a memory, a span): as
    /// <see cref="ReadCount"/>, but the null marker (-1) is a protocol error.</summary>
    /// <param name="elementSize">The size of one element on the wire.</param>
    public int ReadNonNullCount(int elementSize)
    {
        int count = ReadCount(elementSize);
        if (count == -1)
        {
            throw new ChannelProtocolException("Received null for a block that cannot be null.");
        }

        return count;
    }

    /// <summary>Reads a block written by <see cref="WireWriter.WriteSpan{T}"/>; the span points into the payload.</summary>
    /// <typeparam name="T">An unmanaged type whose every bit pattern is valid.</typeparam>
    /// <param name="isNull">Set when the block stood for a null array (count -1).</param>
    public ReadOnlySpan<T> ReadSpan<T>(out bool isNull)
        where T : unmanaged
    {
        int count = ReadCount(Unsafe.SizeOf<T>());
        isNull = count == -1;
        return isNull ? default : MemoryMarshal.Cast<byte, T>(ReadRaw(count * Unsafe.SizeOf<T>()));
    }

    /// <summary>Reads a block that cannot be null, written by <see cref="WireWriter.WriteSpan{T}"/>; the span points
    /// into the payload. The null marker is a protocol error.</summary>
    /// <typeparam name="T">An unmanaged type whose every bit pattern is valid.</typeparam>
    public ReadOnlySpan<T> ReadNonNullSpan<T>()
        where T : unmanaged
    {
        int count = ReadNonNullCount(Unsafe.SizeOf<T>());
        return MemoryMarshal.Cast<byte, T>(ReadRaw(count * Unsafe.SizeOf<T>()));
    }

    /// <summary>
    /// Reads a block of bytes written by <see cref="WireWriter.WriteSpan{T}"/> as a slice of
    /// <paramref name="payload"/>, the memory this reader reads (no copy). A memory cannot be null: the null marker
    /// is a protocol error.
    /// </summary>
    /// <param name="payload">The memory whose span this reader was created over.</param>
    public ReadOnlyMemory<byte> ReadMemory(ReadOnlyMemory<byte> payload)
    {
        int count = ReadNonNullCount(1);
        ReadOnlyMemory<byte> block = payload.Slice(_position, count);
        _position += count;
        return block;
    }

    /// <summary>Reads the <paramref name="count"/> bytes of a block whose count was read, as a slice of the payload's
    /// memory (no copy). Only for a reader made over the payload's memory (<see cref="HasPayloadMemory"/>).</summary>
    /// <param name="count">How many bytes.</param>
    public ReadOnlyMemory<byte> ReadMemory(int count)
    {
        if (!HasPayloadMemory)
        {
            throw new InvalidOperationException("This reader was made over a span: it has no memory to slice.");
        }

        ReadRaw(count);
        PointsIntoPayload = true;
        return _payload.Slice(_position - count, count);
    }

    /// <summary>Reads <paramref name="length"/> raw bytes; the span points into the payload.</summary>
    /// <param name="length">How many bytes.</param>
    public ReadOnlySpan<byte> ReadRaw(int length)
    {
        if ((uint)length > (uint)Remaining)
        {
            ThrowTruncated(length);
        }

        ReadOnlySpan<byte> bytes = _source.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>Reads a length-prefixed block written by <see cref="WireWriter.WriteBlock"/>; the span points into the payload.</summary>
    public ReadOnlySpan<byte> ReadBlock()
    {
        int length = Read<int>();
        if (length < 0)
        {
            throw new ChannelProtocolException($"Received a block with negative length {length}.");
        }

        return ReadRaw(length);
    }

    /// <summary>Reads a string written by <see cref="WireWriter.WriteString"/>, validating its UTF-8; the null
    /// marker (length -1) reads as <see langword="null"/>.</summary>
    public string? ReadString()
    {
        int length = Read<int>();
        return length == -1 ? null : ReadUtf8(length);
    }

    /// <summary>Reads a string that cannot be null, written by <see cref="WireWriter.WriteString"/>, validating its
    /// UTF-8. The null marker is a protocol error.</summary>
    public string ReadNonNullString()
    {
        int length = Read<int>();
        if (length == -1)
        {
            throw new ChannelProtocolException("Received null for a string that cannot be null.");
        }

        return ReadUtf8(length);
    }

    /// <summary>
    /// Reads a handle written by <see cref="WireWriter.WriteDescriptor"/>: the next of the frame's descriptors, checked
    /// and wrapped by <typeparamref name="TKind"/>, or <see langword="null"/> for the null marker. Until the whole
    /// payload is read the frame owns the descriptor; then the value does.
    /// </summary>
    /// <typeparam name="T">The handle type.</typeparam>
    /// <typeparam name="TKind">How the handle maps to a descriptor.</typeparam>
    public T? ReadDescriptor<T, TKind>()
        where T : class, IDisposable
        where TKind : IDescriptorKind<T>
    {
        int index = Read<int>();
        if (index == -1)
        {
            return null;
        }

        if (_descriptors is null)
        {
            throw new ChannelProtocolException($"The payload names descriptor {index}, and its frame brought none.");
        }

        return _descriptors.Take<T, TKind>(index);
    }

    /// <summary>Throws <see cref="ChannelProtocolException"/> unless every byte has been read.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new ChannelProtocolException($"Received {Remaining} unexpected bytes after the end of the payload.");
        }
    }

    private string ReadUtf8(int length)
    {
        if (length < 0)
        {
            throw new ChannelProtocolException($"Received a string with negative length {length}.");
        }

        ReadOnlySpan<byte> utf8 = ReadRaw(length);
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ChannelProtocolException("Received a string that is not valid UTF-8.", ex);
        }
    }

    private readonly void ThrowTruncated(int wanted) =>
        throw new ChannelProtocolException($"The payload ends early: {wanted} more bytes were expected at offset {_position}, {Remaining} remain.");
}
