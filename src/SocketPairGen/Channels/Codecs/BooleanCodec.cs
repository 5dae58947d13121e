using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A <see cref="bool"/>: one byte, 0 or 1. Anything else that arrives is a protocol error; anything else about
/// to be sent (native code or an unsafe cast can leave one in a struct) is refused before it is written.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BooleanCodec : IFixedSizeCodec<bool>
{
    /// <inheritdoc/>
    public static int Size => 1;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in bool value) => 1;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in bool value) => writer.WriteBoolean(value);

    /// <inheritdoc/>
    public static bool Read(scoped ref WireReader reader) => reader.ReadBoolean();

    /// <summary>Checks a <see cref="bool"/> field of a struct that arrived as its bytes.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="offset">Where the field is.</param>
    /// <param name="path">The field, for the error (<c>Ns.Header.IsLast</c>).</param>
    public static void CheckReceived(ReadOnlySpan<byte> bytes, int offset, string path)
    {
        if (bytes[offset] > 1)
        {
            throw WireValidation.InvalidBoolean(path, bytes[offset]);
        }
    }

    /// <summary>Checks a <see cref="bool"/> field of a struct about to be sent as its bytes.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="offset">Where the field is.</param>
    /// <param name="path">The field, for the error (<c>Ns.Header.IsLast</c>).</param>
    public static void CheckSending(ReadOnlySpan<byte> bytes, int offset, string path)
    {
        if (bytes[offset] > 1)
        {
            throw WireValidation.UnsendableBoolean(path, bytes[offset]);
        }
    }
}
