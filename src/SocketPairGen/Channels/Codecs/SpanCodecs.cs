using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A <see cref="ReadOnlySpan{T}"/>: a block of elements (never null). Elements whose memory is their wire form
/// are read in place: the span points into the frame (valid while the frame is), others into a new array.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TElement">The element's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadOnlySpanCodec<T, TElement> : IWireCodec<ReadOnlySpan<T>>
    where TElement : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static bool HasTrailer => TElement.IsRaw;

    /// <inheritdoc/>
    public static long Measure(scoped in ReadOnlySpan<T> value) => Blocks.Measure(value.Length, TElement.Size);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in ReadOnlySpan<T> value) => Blocks.Write<T, TElement>(ref writer, value);

    /// <inheritdoc/>
    public static ReadOnlySpan<T> Read(scoped ref WireReader reader)
    {
        int count = reader.ReadNonNullCount(TElement.Size);
        return TElement.IsRaw
            ? Blocks.Elements<T>(reader.ReadRaw(count * TElement.Size), count)
            : Blocks.ReadArray<T, TElement>(ref reader, count);
    }

    /// <inheritdoc/>
    public static int TrailerCount(scoped in ReadOnlySpan<T> value) => value.Length;

    /// <inheritdoc/>
    public static ReadOnlySpan<byte> Trailer(ReadOnlySpan<T> value) => Blocks.Bytes(value, TElement.Size);
}

/// <summary>A <see cref="Span{T}"/>: as <see cref="ReadOnlySpanCodec{T, TElement}"/>. Read in place, the span points
/// into the frame, which nobody reads again: the implementation may write to it.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TElement">The element's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SpanCodec<T, TElement> : IWireCodec<Span<T>>
    where TElement : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static bool HasTrailer => TElement.IsRaw;

    /// <inheritdoc/>
    public static long Measure(scoped in Span<T> value) => Blocks.Measure(value.Length, TElement.Size);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in Span<T> value) => Blocks.Write<T, TElement>(ref writer, value);

    /// <inheritdoc/>
    public static Span<T> Read(scoped ref WireReader reader)
    {
        ReadOnlySpan<T> elements = ReadOnlySpanCodec<T, TElement>.Read(ref reader);
        return MemoryMarshal.CreateSpan(ref Unsafe.AsRef(in MemoryMarshal.GetReference(elements)), elements.Length);
    }

    /// <inheritdoc/>
    public static int TrailerCount(scoped in Span<T> value) => value.Length;

    /// <inheritdoc/>
    public static ReadOnlySpan<byte> Trailer(Span<T> value) => Blocks.Bytes<T>(value, TElement.Size);
}
