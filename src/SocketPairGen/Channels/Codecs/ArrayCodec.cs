using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>An array that may be null: a block of elements, with the count -1 for null.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TElement">The element's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ArrayCodec<T, TElement> : IWireCodec<T[]?>
    where TElement : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static bool HasTrailer => TElement.IsRaw;

    /// <inheritdoc/>
    public static long Measure(scoped in T[]? value) => value is null ? 4 : Blocks.Measure(value.Length, TElement.Size);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T[]? value)
    {
        if (value is null)
        {
            writer.Write(-1);
            return;
        }

        Blocks.Write<T, TElement>(ref writer, value);
    }

    /// <inheritdoc/>
    public static T[]? Read(scoped ref WireReader reader)
    {
        int count = reader.ReadCount(TElement.Size);
        return count == -1 ? null : Blocks.ReadArray<T, TElement>(ref reader, count);
    }

    /// <inheritdoc/>
    public static int TrailerCount(scoped in T[]? value) => value is null ? -1 : value.Length;

    /// <inheritdoc/>
    public static ReadOnlySpan<byte> Trailer(T[]? value) => Blocks.Bytes<T>(value, TElement.Size);
}

/// <summary>An array that cannot be null: a block of elements; the null marker is a protocol error on arrival. (A null
/// about to be sent is refused earlier: the proxy checks its arguments, the server its results.)</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TElement">The element's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NonNullArrayCodec<T, TElement> : IWireCodec<T[]>
    where TElement : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static bool AcceptsNull => false;

    /// <inheritdoc/>
    public static bool HasTrailer => TElement.IsRaw;

    /// <inheritdoc/>
    public static long Measure(scoped in T[] value) => Blocks.Measure(value.Length, TElement.Size);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T[] value) => Blocks.Write<T, TElement>(ref writer, value);

    /// <inheritdoc/>
    public static T[] Read(scoped ref WireReader reader) => Blocks.ReadArray<T, TElement>(ref reader, reader.ReadNonNullCount(TElement.Size));

    /// <inheritdoc/>
    public static int TrailerCount(scoped in T[] value) => value.Length;

    /// <inheritdoc/>
    public static ReadOnlySpan<byte> Trailer(T[] value) => Blocks.Bytes<T>(value, TElement.Size);
}
