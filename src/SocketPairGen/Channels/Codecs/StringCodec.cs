using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A string that may be null: a 4-byte UTF-8 length (-1 for null), then the UTF-8 bytes, validated on
/// arrival. Unpaired surrogates are sent as U+FFFD, as UTF-8 cannot carry them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StringCodec : IWireCodec<string?>
{
    /// <inheritdoc/>
    public static long Measure(scoped in string? value) => WireWriter.MeasureString(value);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in string? value) => writer.WriteString(value);

    /// <inheritdoc/>
    public static string? Read(scoped ref WireReader reader) => reader.ReadString();
}

/// <summary>A string that cannot be null: as <see cref="StringCodec"/>, but the null marker is a protocol error on
/// arrival. (A null about to be sent is refused earlier: the proxy checks its arguments, the server its results.)</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NonNullStringCodec : IWireCodec<string>
{
    /// <inheritdoc/>
    public static bool AcceptsNull => false;

    /// <inheritdoc/>
    public static long Measure(scoped in string value) => WireWriter.MeasureString(value);

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in string value) => writer.WriteString(value);

    /// <inheritdoc/>
    public static string Read(scoped ref WireReader reader) => reader.ReadNonNullString();
}
