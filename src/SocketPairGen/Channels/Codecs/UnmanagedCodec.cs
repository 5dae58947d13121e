using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// A value whose memory is its wire form: integers, floating point, <see cref="char"/>, <see cref="Guid"/>,
/// <see cref="TimeSpan"/>, <c>[Flags]</c> enums, and structs of these without padding. Only for such types: padding
/// would carry this process's memory to the peer, and a type with invalid bit patterns needs its own codec.
/// </summary>
/// <typeparam name="T">An unmanaged type without padding whose every bit pattern is valid.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct UnmanagedCodec<T> : IFixedSizeCodec<T>
    where T : unmanaged
{
    /// <inheritdoc/>
    public static int Size => Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public static bool IsRaw => true;

    /// <inheritdoc/>
    public static long Measure(scoped in T value) => Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref WireWriter writer, scoped in T value) => writer.Write(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read(scoped ref WireReader reader) => reader.Read<T>();
}
