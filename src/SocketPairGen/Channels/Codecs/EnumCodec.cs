using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SocketPairGen.Channels.Codecs;

/// <summary>The values an enum defines, as the contract was compiled: generated once per enum that is not
/// <c>[Flags]</c> (a <c>[Flags]</c> enum takes any value and travels with <see cref="UnmanagedCodec{T}"/>).</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IEnumValues<TEnum>
    where TEnum : unmanaged, Enum
{
    /// <summary>Whether <paramref name="value"/> is a value the enum defines.</summary>
    /// <param name="value">The value.</param>
    static abstract bool IsDefined(TEnum value);
}

/// <summary>An enum that is not <c>[Flags]</c>: its underlying integer, which must be a defined value. An undefined
/// value that arrives is a protocol error; one about to be sent is refused before anything is written.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
/// <typeparam name="TValues">Its defined values.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EnumCodec<TEnum, TValues> : IFixedSizeCodec<TEnum>
    where TEnum : unmanaged, Enum
    where TValues : IEnumValues<TEnum>
{
    /// <inheritdoc/>
    public static int Size => Unsafe.SizeOf<TEnum>();

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in TEnum value) => Unsafe.SizeOf<TEnum>();

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in TEnum value)
    {
        if (!TValues.IsDefined(value))
        {
            throw WireValidation.UnsendableEnum(WireTypeName.Of<TEnum>(), Number(value));
        }

        writer.Write(value);
    }

    /// <inheritdoc/>
    public static TEnum Read(scoped ref WireReader reader)
    {
        TEnum value = reader.Read<TEnum>();
        if (!TValues.IsDefined(value))
        {
            throw WireValidation.UndefinedEnum(WireTypeName.Of<TEnum>(), Number(value));
        }

        return value;
    }

    /// <summary>Checks an enum field of a struct that arrived as its bytes.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="offset">Where the field is.</param>
    /// <param name="path">The field, for the error (<c>Ns.Header.Kind</c>).</param>
    public static void CheckReceived(ReadOnlySpan<byte> bytes, int offset, string path)
    {
        TEnum value = Unsafe.ReadUnaligned<TEnum>(in bytes[offset]);
        if (!TValues.IsDefined(value))
        {
            throw WireValidation.UndefinedEnum(path, Number(value));
        }
    }

    /// <summary>Checks an enum field of a struct about to be sent as its bytes.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="offset">Where the field is.</param>
    /// <param name="path">The field, for the error (<c>Ns.Header.Kind</c>).</param>
    public static void CheckSending(ReadOnlySpan<byte> bytes, int offset, string path)
    {
        TEnum value = Unsafe.ReadUnaligned<TEnum>(in bytes[offset]);
        if (!TValues.IsDefined(value))
        {
            throw WireValidation.UnsendableEnum(path, Number(value));
        }
    }

    /// <summary>The value as its underlying number, for error messages.</summary>
    private static string Number(TEnum value) => value.ToString("D");
}
