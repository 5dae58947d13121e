using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A <see cref="ReadOnlyMemory{T}"/>: a block of elements (never null). Read on a server, a memory of bytes
/// points into the request instead of being copied (see <see cref="WireReader.ReadMemory(int)"/>).</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TElement">The element's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadOnlyMemoryCodec<T, TElement> : IWireCodec<ReadOnlyMemory<T>>
    where TElement : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static bool HasTrailer => TElement.IsRaw;

    /// <inheritdoc/>
    public static long Measure(scoped in ReadOnlyMemory<T> value) => Blocks.Measure(value.Length, TElement.Size);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in ReadOnlyMemory<T> value) => Blocks.Write<T, TElement>(ref writer, value.Span);

    /// <inheritdoc/>
    public static ReadOnlyMemory<T> Read(scoped ref WireReader reader)
    {
        int count = reader.ReadNonNullCount(TElement.Size);
        if (typeof(T) == typeof(byte) && reader.HasPayloadMemory)
        {
            ReadOnlyMemory<byte> bytes = reader.ReadMemory(count);
            return System.Runtime.CompilerServices.Unsafe.As<ReadOnlyMemory<byte>, ReadOnlyMemory<T>>(ref bytes);
        }

        return Blocks.ReadArray<T, TElement>(ref reader, count);
    }

    /// <inheritdoc/>
    public static int TrailerCount(scoped in ReadOnlyMemory<T> value) => value.Length;

    /// <inheritdoc/>
    public static ReadOnlySpan<byte> Trailer(ReadOnlyMemory<T> value) => Blocks.Bytes(value.Span, TElement.Size);
}

/// <summary>A <see cref="Memory{T}"/>: as <see cref="ReadOnlyMemoryCodec{T, TElement}"/>. Read on a server, a memory of
/// bytes points into the request, which nobody reads again: the implementation may write to it.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TElement">The element's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct MemoryCodec<T, TElement> : IWireCodec<Memory<T>>
    where TElement : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static bool HasTrailer => TElement.IsRaw;

    /// <inheritdoc/>
    public static long Measure(scoped in Memory<T> value) => Blocks.Measure(value.Length, TElement.Size);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in Memory<T> value) => Blocks.Write<T, TElement>(ref writer, value.Span);

    /// <inheritdoc/>
    public static Memory<T> Read(scoped ref WireReader reader) => MemoryMarshal.AsMemory(ReadOnlyMemoryCodec<T, TElement>.Read(ref reader));

    /// <inheritdoc/>
    public static int TrailerCount(scoped in Memory<T> value) => value.Length;

    /// <inheritdoc/>
    public static ReadOnlySpan<byte> Trailer(Memory<T> value) => Blocks.Bytes<T>(value.Span, TElement.Size);
}
