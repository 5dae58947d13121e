using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using SocketPairGen.Channels.Descriptors;

namespace SocketPairGen.Channels;

/// <summary>
/// Writes values into a frame payload, front to back. Used by generated <see cref="IFramePayload"/>
/// implementations; the matching reader is <see cref="WireReader"/>. Little-endian, no alignment.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct WireWriter
{
    private readonly Span<byte> _destination;
    private readonly OutgoingDescriptors? _descriptors;
    private int _position;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    /// <param name="destination">The payload's bytes.</param>
    public WireWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>Starts writing a frame that may carry descriptors, collected in <paramref name="descriptors"/>.</summary>
    internal WireWriter(Span<byte> destination, OutgoingDescriptors? descriptors)
        : this(destination)
    {
        _descriptors = descriptors;
    }

    /// <summary>How many bytes have been written.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// Writes the bytes of an unmanaged value as they are in memory. Only for types without padding (primitives,
    /// and structs whose fields leave no gaps): padding would carry this process's stale memory to the peer.
    /// Generated code writes padded structs field by field.
    /// </summary>
    /// <typeparam name="T">An unmanaged type without padding.</typeparam>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write<T>(T value)
        where T : unmanaged
    {
        Unsafe.WriteUnaligned(ref _destination[_position..(_position + Unsafe.SizeOf<T>())][0], value);
        _position += Unsafe.SizeOf<T>();
    }

    /// <summary>Reserves the next <paramref name="length"/> bytes and returns them for the caller to fill.</summary>
    /// <param name="length">How many bytes.</param>
    public Span<byte> Reserve(int length)
    {
        Span<byte> bytes = _destination.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>Writes a block of unmanaged values: a 4-byte element count, then their bytes in one copy. Only for
    /// element types without padding.</summary>
    /// <typeparam name="T">An unmanaged type without padding.</typeparam>
    /// <param name="values">The values.</param>
    public void WriteSpan<T>(scoped ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Write(values.Length);
        WriteRaw(MemoryMarshal.AsBytes(values));
    }

    /// <summary>
    /// Attaches <paramref name="handle"/>'s descriptor to the frame and writes its 4-byte index among the frame's
    /// descriptors (-1 for null). The descriptor rides with the frame's first bytes; the caller keeps its handle.
    /// </summary>
    /// <param name="handle">The handle, or <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">The frame being written cannot carry descriptors.</exception>
    /// <exception cref="ArgumentException">The frame already carries as many descriptors as one frame can.</exception>
    public void WriteDescriptor(SafeHandle? handle)
    {
        if (handle is null)
        {
            Write(-1);
            return;
        }

        if (_descriptors is null)
        {
            throw new InvalidOperationException("This frame cannot carry descriptors.");
        }

        Write(_descriptors.Add(handle));
    }

    /// <summary>Writes a <see cref="bool"/> as one byte, 0 or 1.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => Write<byte>(value ? (byte)1 : (byte)0);

    /// <summary>Writes raw bytes with no length prefix.</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Writes a length-prefixed block: a 4-byte length, then the bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteBlock(scoped ReadOnlySpan<byte> bytes)
    {
        Write(bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>The wire size of <see cref="WriteString"/> for <paramref name="value"/>.</summary>
    /// <param name="value">The string, or <see langword="null"/>.</param>
    public static long MeasureString(string? value) => value is null ? 4 : 4L + Encoding.UTF8.GetByteCount(value);

    /// <summary>
    /// Writes a string as a 4-byte UTF-8 length (−1 for <see langword="null"/>) then its UTF-8 bytes.
    /// Unpaired surrogates are written as U+FFFD, as UTF-8 cannot carry them.
    /// </summary>
    /// <param name="value">The string, or <see langword="null"/>.</param>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            Write(-1);
            return;
        }

        int length = Encoding.UTF8.GetBytes(value, _destination[(_position + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_position..], length);
        _position += 4 + length;
    }
}
