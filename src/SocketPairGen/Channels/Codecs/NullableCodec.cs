using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A <see cref="Nullable{T}"/>: a has-value byte (0 or 1), then the value, or as many zeros when there is none,
/// so the size stays fixed. Zeros are what a sender writes there: anything else that arrives is a protocol error.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TValue">The value's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NullableCodec<T, TValue> : IFixedSizeCodec<T?>
    where T : struct
    where TValue : IFixedSizeCodec<T>
{
    /// <inheritdoc/>
    public static int Size => 1 + TValue.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in T? value) => 1 + TValue.Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            TValue.Write(ref writer, value.GetValueOrDefault());
        }
        else
        {
            // An absent value travels as zeros, whatever bytes the nullable holds behind HasValue.
            writer.Reserve(TValue.Size).Clear();
        }
    }

    /// <inheritdoc/>
    public static T? Read(scoped ref WireReader reader)
    {
        if (!reader.ReadBoolean())
        {
            WireValidation.CheckAbsentValue(reader.ReadRaw(TValue.Size), WireTypeName.Of<T?>());
            return null;
        }

        return TValue.Read(ref reader);
    }
}
