using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A <see cref="decimal"/>: its 16 bytes as laid out in memory, validated on arrival (a scale of at most 28,
/// reserved bits zero). Managed code cannot make an invalid one, so sending checks nothing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DecimalCodec : IFixedSizeCodec<decimal>
{
    /// <inheritdoc/>
    public static int Size => 16;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in decimal value) => 16;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in decimal value) => writer.Write(value);

    /// <inheritdoc/>
    public static decimal Read(scoped ref WireReader reader) => reader.ReadDecimal();
}
