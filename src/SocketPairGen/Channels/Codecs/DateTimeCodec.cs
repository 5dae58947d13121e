using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A <see cref="DateTime"/>: its 8 bytes as laid out in memory (ticks and kind), validated on arrival (ticks
/// within range). Managed code cannot make an invalid one, so sending checks nothing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeCodec : IFixedSizeCodec<DateTime>
{
    /// <inheritdoc/>
    public static int Size => 8;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in DateTime value) => 8;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in DateTime value) => writer.Write(value);

    /// <inheritdoc/>
    public static DateTime Read(scoped ref WireReader reader) => reader.ReadDateTime();
}
