using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// A handle that may be null (<c>SafeFileHandle?</c>, <c>Socket?</c>, …): its descriptor rides with the frame
/// (<c>SCM_RIGHTS</c>) and the payload holds its 4-byte index among the frame's descriptors, -1 for null. The receiver
/// gets its own copy, checked by <typeparamref name="TKind"/>, close-on-exec from birth.
/// </summary>
/// <typeparam name="T">The handle type.</typeparam>
/// <typeparam name="TKind">How the handle maps to a descriptor.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DescriptorCodec<T, TKind> : IWireCodec<T?>
    where T : class, IDisposable
    where TKind : IDescriptorKind<T>
{
    /// <inheritdoc/>
    public static long Measure(scoped in T? value) => 4;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T? value) => writer.WriteDescriptor(value is null ? null : TKind.HandleOf(value));

    /// <inheritdoc/>
    public static T? Read(scoped ref WireReader reader) => reader.ReadDescriptor<T, TKind>();

    /// <inheritdoc/>
    public static void DisposeSent(T? value) => value?.Dispose();
}

/// <summary>A handle that cannot be null: as <see cref="DescriptorCodec{T, TKind}"/>, but the null marker is a
/// protocol error on arrival. (A null about to be sent is refused earlier.)</summary>
/// <typeparam name="T">The handle type.</typeparam>
/// <typeparam name="TKind">How the handle maps to a descriptor.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NonNullDescriptorCodec<T, TKind> : IWireCodec<T>
    where T : class, IDisposable
    where TKind : IDescriptorKind<T>
{
    /// <inheritdoc/>
    public static bool AcceptsNull => false;

    /// <inheritdoc/>
    public static long Measure(scoped in T value) => 4;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T value) => writer.WriteDescriptor(TKind.HandleOf(value));

    /// <inheritdoc/>
    public static T Read(scoped ref WireReader reader) =>
        reader.ReadDescriptor<T, TKind>() ?? throw new ChannelProtocolException("Received null for a handle that cannot be null.");

    /// <inheritdoc/>
    public static void DisposeSent(T value) => value?.Dispose();
}

/// <summary>An array of handles that may be null: a 4-byte element count (-1 for null), then each element's index
/// among the frame's descriptors. How many an array may hold is declared in the contract (<see cref="MaxDescriptorsAttribute"/>)
/// and counted in what its frame may carry.</summary>
/// <typeparam name="T">The handle type.</typeparam>
/// <typeparam name="TElement">The element's codec (a descriptor codec).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DescriptorArrayCodec<T, TElement> : IWireCodec<T[]?>
    where TElement : IWireCodec<T>
{
    /// <inheritdoc/>
    public static long Measure(scoped in T[]? value) => value is null ? 4 : 4 + (4L * value.Length);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T[]? value)
    {
        if (value is null)
        {
            writer.Write(-1);
            return;
        }

        DescriptorArrays.Write<T, TElement>(ref writer, value);
    }

    /// <inheritdoc/>
    public static T[]? Read(scoped ref WireReader reader)
    {
        int count = reader.ReadCount(4);
        return count == -1 ? null : DescriptorArrays.Read<T, TElement>(ref reader, count);
    }

    /// <inheritdoc/>
    public static void DisposeSent(T[]? value) => DescriptorArrays.DisposeSent<T, TElement>(value);
}

/// <summary>An array of handles that cannot be null: as <see cref="DescriptorArrayCodec{T, TElement}"/>, but the null
/// marker is a protocol error on arrival.</summary>
/// <typeparam name="T">The handle type.</typeparam>
/// <typeparam name="TElement">The element's codec (a descriptor codec).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NonNullDescriptorArrayCodec<T, TElement> : IWireCodec<T[]>
    where TElement : IWireCodec<T>
{
    /// <inheritdoc/>
    public static bool AcceptsNull => false;

    /// <inheritdoc/>
    public static long Measure(scoped in T[] value) => 4 + (4L * value.Length);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T[] value) => DescriptorArrays.Write<T, TElement>(ref writer, value);

    /// <inheritdoc/>
    public static T[] Read(scoped ref WireReader reader) => DescriptorArrays.Read<T, TElement>(ref reader, reader.ReadNonNullCount(4));

    /// <inheritdoc/>
    public static void DisposeSent(T[] value) => DescriptorArrays.DisposeSent<T, TElement>(value);
}

/// <summary>What the two array codecs share.</summary>
internal static class DescriptorArrays
{
    public static void Write<T, TElement>(ref WireWriter writer, T[] value)
        where TElement : IWireCodec<T>
    {
        writer.Write(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            T element = value[i];
            if (element is null && !TElement.AcceptsNull)
            {
                // Written as the null marker, it would be a protocol error at the peer, which closes the channel.
                throw new ArgumentException(
                    $"Element {i} of an array of {WireTypeName.Of<T>()} is null, and its elements cannot be null: the peer would reject it, so nothing was sent.");
            }

            TElement.Write(ref writer, element);
        }
    }

    public static T[] Read<T, TElement>(ref WireReader reader, int count)
        where TElement : IWireCodec<T>
    {
        // The count is bounded by the payload's bytes (4 per element), so the array is never larger than the frame.
        var values = new T[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = TElement.Read(ref reader);
        }

        return values;
    }

    public static void DisposeSent<T, TElement>(T[]? value)
        where TElement : IWireCodec<T>
    {
        if (value is null)
        {
            return;
        }

        foreach (T element in value)
        {
            TElement.DisposeSent(element);
        }
    }
}
