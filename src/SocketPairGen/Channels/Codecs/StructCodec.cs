using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// What a user struct needs beside its bytes to cross the wire: the padding to clear and the fields to check. Generated
/// once per struct whose memory is not simply its wire form (a struct without padding whose every bit pattern is valid
/// travels with <see cref="UnmanagedCodec{T}"/>).
/// </summary>
/// <typeparam name="T">The struct.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStructLayout<T>
    where T : unmanaged
{
    /// <summary>
    /// Makes a copy of the struct's bytes fit to send: clears padding and the value bytes of nullable fields without a
    /// value (they would carry this process's memory), then refuses, with an <see cref="ArgumentException"/>, a field
    /// the peer would reject (a bool that is not 0 or 1, an undefined enum value).
    /// </summary>
    /// <param name="bytes">The copy about to be sent.</param>
    static abstract void PrepareToSend(Span<byte> bytes);

    /// <summary>Checks the bytes of a struct that arrived (bools, enums, decimals, DateTimes, nullable fields), with a
    /// <see cref="ChannelProtocolException"/> for anything a well-behaved peer does not send.</summary>
    /// <param name="bytes">The bytes that arrived.</param>
    static abstract void CheckReceived(ReadOnlySpan<byte> bytes);
}

/// <summary>An unmanaged user struct sent as its bytes, in its memory layout (checked against the generator's at
/// start-up), with its padding cleared by the sender and its fields checked by the receiver.</summary>
/// <typeparam name="T">The struct.</typeparam>
/// <typeparam name="TLayout">Its padding and the fields to check.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StructCodec<T, TLayout> : IFixedSizeCodec<T>
    where T : unmanaged
    where TLayout : IStructLayout<T>
{
    /// <inheritdoc/>
    public static int Size => Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in T value) => Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in T value)
    {
        Span<byte> bytes = writer.Reserve(Unsafe.SizeOf<T>());
        Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(bytes), value);
        TLayout.PrepareToSend(bytes);
    }

    /// <inheritdoc/>
    public static T Read(scoped ref WireReader reader)
    {
        ReadOnlySpan<byte> bytes = reader.ReadRaw(Unsafe.SizeOf<T>());
        TLayout.CheckReceived(bytes);
        return Unsafe.ReadUnaligned<T>(in MemoryMarshal.GetReference(bytes));
    }
}

/// <summary>The checks generated <see cref="IStructLayout{T}"/>s make on a struct's bytes, one call each.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StructBytes
{
    /// <summary>Clears the value bytes of a nullable field without a value, before sending.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="hasValueOffset">Where the field's has-value byte is.</param>
    /// <param name="valueOffset">Where its value starts.</param>
    /// <param name="valueSize">The value's size.</param>
    public static void ClearAbsentValue(Span<byte> bytes, int hasValueOffset, int valueOffset, int valueSize)
    {
        if (bytes[hasValueOffset] == 0)
        {
            bytes.Slice(valueOffset, valueSize).Clear();
        }
    }

    /// <summary>Checks, on arrival, that a nullable field without a value has zeros for value bytes.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="hasValueOffset">Where the field's has-value byte is.</param>
    /// <param name="valueOffset">Where its value starts.</param>
    /// <param name="valueSize">The value's size.</param>
    /// <param name="path">The field, for the error (<c>Ns.Envelope.Retries</c>).</param>
    public static void CheckAbsentValue(ReadOnlySpan<byte> bytes, int hasValueOffset, int valueOffset, int valueSize, string path)
    {
        if (bytes[hasValueOffset] == 0)
        {
            WireValidation.CheckAbsentValue(bytes.Slice(valueOffset, valueSize), path);
        }
    }

    /// <summary>Checks a <see cref="decimal"/> field on arrival.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="offset">Where the field is.</param>
    /// <param name="path">The field, for the error.</param>
    public static void CheckDecimal(ReadOnlySpan<byte> bytes, int offset, string path) => WireValidation.CheckDecimal(bytes.Slice(offset, 16), path);

    /// <summary>Checks a <see cref="DateTime"/> field on arrival.</summary>
    /// <param name="bytes">The struct's bytes.</param>
    /// <param name="offset">Where the field is.</param>
    /// <param name="path">The field, for the error.</param>
    public static void CheckDateTime(ReadOnlySpan<byte> bytes, int offset, string path) => WireValidation.CheckDateTime(bytes.Slice(offset, 8), path);
}
