using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocketPairGen.Channels;

/// <summary>Checks and errors shared by generated codecs: invalid values that arrive become
/// <see cref="ChannelProtocolException"/>s with a message that names what was wrong; values this side was about to send
/// that the peer would reject become <see cref="ArgumentException"/>s, and nothing is sent.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WireValidation
{
    private const ulong DateTimeTicksMask = 0x3FFF_FFFF_FFFF_FFFF;

    /// <summary>The error for a <see cref="bool"/> field that arrived as neither 0 nor 1.</summary>
    /// <param name="path">The field, for example <c>Ns.Header.IsKey</c>.</param>
    /// <param name="value">The byte that arrived.</param>
    public static ChannelProtocolException InvalidBoolean(string path, byte value) =>
        new($"Received {value} for the bool {path}; only 0 and 1 are valid.");

    /// <summary>The error for an enum value the receiving side does not define.</summary>
    /// <param name="enumType">The enum.</param>
    /// <param name="value">The value that arrived.</param>
    public static ChannelProtocolException UndefinedEnum(string enumType, string value) =>
        new($"Received {value}, which is not a defined value of the enum {enumType}.");

    /// <summary>The error for an enum value this side was about to send that the enum does not define: the peer would
    /// reject it (and close the channel), so it is not sent.</summary>
    /// <param name="enumType">The enum, or the field that holds it (<c>Ns.Header.Color</c>).</param>
    /// <param name="value">The value.</param>
    public static ArgumentOutOfRangeException UnsendableEnum(string enumType, string value) =>
        new(null, $"{value} is not a defined value of the enum {enumType}: the peer would reject it, so it was not sent.");

    /// <summary>The error for a <see cref="bool"/> field this side was about to send that holds neither 0 nor 1 (left
    /// there by native code or an unsafe cast): the peer would reject it, so it is not sent.</summary>
    /// <param name="path">The field, for example <c>Ns.Header.IsKey</c>.</param>
    /// <param name="value">The byte it holds.</param>
    public static ArgumentException UnsendableBoolean(string path, byte value) =>
        new($"The bool {path} holds {value}; only 0 and 1 can be sent: the peer would reject it, so it was not sent.");

    /// <summary>Validates the 16 bytes of a <see cref="decimal"/> (a scale of at most 28, reserved bits zero).</summary>
    /// <param name="bytes">The decimal's bytes, as laid out in memory.</param>
    /// <param name="path">The field, for the error message.</param>
    public static void CheckDecimal(ReadOnlySpan<byte> bytes, string path)
    {
        // In memory: int flags (sign bit 31, scale in bits 16-23, the rest zero), then the 96-bit magnitude.
        uint flags = Unsafe.ReadUnaligned<uint>(in MemoryMarshal.GetReference(bytes));
        if ((flags & 0x7F00_FFFF) != 0 || ((flags >> 16) & 0xFF) > 28)
        {
            throw new ChannelProtocolException($"Received an invalid decimal for {path} (flags 0x{flags:x8}).");
        }
    }

    /// <summary>Validates the 8 bytes of a <see cref="DateTime"/> (ticks within range; every kind is valid).</summary>
    /// <param name="bytes">The DateTime's bytes, as laid out in memory.</param>
    /// <param name="path">The field, for the error message.</param>
    public static void CheckDateTime(ReadOnlySpan<byte> bytes, string path)
    {
        ulong data = Unsafe.ReadUnaligned<ulong>(in MemoryMarshal.GetReference(bytes));
        if ((data & DateTimeTicksMask) > (ulong)DateTime.MaxValue.Ticks)
        {
            throw new ChannelProtocolException(
                $"Received an invalid DateTime for {path} ({(data & DateTimeTicksMask).ToString(CultureInfo.InvariantCulture)} ticks).");
        }
    }

    /// <summary>
    /// Validates the value bytes of a <see cref="Nullable{T}"/> that arrived without a value: a sender writes zeros
    /// there, so anything else did not come from a well-behaved peer.
    /// </summary>
    /// <param name="bytes">The bytes where the value would be.</param>
    /// <param name="path">The nullable value or field, for the error message (<c>int?</c>, <c>Ns.Header.Limit</c>).</param>
    public static void CheckAbsentValue(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.ContainsAnyExcept((byte)0))
        {
            throw new ChannelProtocolException($"Received {path} without a value, but with value bytes that are not zero.");
        }
    }

    /// <summary>
    /// The error a generated dispatcher replies with when an implementation returns <see langword="null"/> where
    /// the contract's result cannot be null: the caller gets it as a <see cref="ChannelRemoteException"/>.
    /// </summary>
    /// <param name="method">The method, for example <c>Ns.IStorage.Read</c>.</param>
    /// <param name="resultType">Its result type, for example <c>byte[]</c>.</param>
    public static InvalidOperationException NullResult(string method, string resultType) =>
        new($"{method} returned null, but its result type {resultType} cannot be null.");

    /// <summary>
    /// Checks at start-up that the runtime lays out <typeparamref name="T"/> with the size the generator computed;
    /// a mismatch means the wire form would be wrong, so it fails loudly instead.
    /// </summary>
    /// <typeparam name="T">A struct sent as its bytes.</typeparam>
    /// <param name="expectedSize">The size the generator computed.</param>
    public static void CheckLayout<T>(int expectedSize)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() != expectedSize)
        {
            throw new InvalidOperationException(
                $"SocketPairGen computed a size of {expectedSize} bytes for {typeof(T).FullName}, but the runtime lays it out in " +
                $"{Unsafe.SizeOf<T>()} bytes. " + LayoutHint);
        }
    }

    /// <summary>
    /// Checks at start-up that the runtime puts a field of <typeparamref name="TStruct"/> at the offset the generator
    /// computed: a struct whose size matches can still hold its fields elsewhere.
    /// </summary>
    /// <typeparam name="TStruct">A struct sent as its bytes.</typeparam>
    /// <typeparam name="TField">The field's type (unconstrained: a <see cref="Nullable{T}"/> is not <c>unmanaged</c>).</typeparam>
    /// <param name="value">A value of the struct.</param>
    /// <param name="field">The field of <paramref name="value"/> to check.</param>
    /// <param name="fieldName">The field's name, for the error message.</param>
    /// <param name="expectedOffset">The offset the generator computed.</param>
    public static void CheckFieldOffset<TStruct, TField>(ref TStruct value, ref TField field, string fieldName, int expectedOffset)
        where TStruct : unmanaged
    {
        nint offset = Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref value), ref Unsafe.As<TField, byte>(ref field));
        if (offset != expectedOffset)
        {
            throw new InvalidOperationException(
                $"SocketPairGen computed offset {expectedOffset} for the field {fieldName} of {typeof(TStruct).FullName}, but the " +
                $"runtime puts it at offset {offset}. " + LayoutHint);
        }
    }

    private const string LayoutHint =
        "Its layout is not one the generator understands (for example a struct from another assembly with an explicit or " +
        "packed layout, which metadata does not show to the generator).";
}
