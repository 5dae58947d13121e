using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// How one type crosses the wire: written once in the runtime for each wire type family, composed by generated code
/// through type parameters (<c>ArrayCodec&lt;Header, StructCodec&lt;Header, HeaderLayout&gt;&gt;</c>). Codecs are
/// structs with static members only, so the JIT specialises every composition and a call costs what hand-written
/// code costs.
/// </summary>
/// <remarks>
/// Writers put nothing on the wire that a reader would reject: a value the peer would refuse throws an
/// <see cref="ArgumentException"/> before anything is sent. Readers validate everything before they trust it: a
/// malformed value throws <see cref="ChannelProtocolException"/>. Both go through the frame's
/// <see cref="WireWriter"/> and <see cref="WireReader"/>, which are the frame's context: what a later wire type
/// needs beside the bytes (descriptors sent with the frame, the payload's memory) is reached through them, so new
/// codecs plug in without new parameters here.
/// </remarks>
/// <typeparam name="T">The type on the wire.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWireCodec<T>
    where T : allows ref struct
{
    /// <summary>How many bytes <see cref="Write"/> writes for <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    static abstract long Measure(scoped in T value);

    /// <summary>Writes <paramref name="value"/>, exactly <see cref="Measure"/> bytes.</summary>
    /// <param name="writer">The frame being written.</param>
    /// <param name="value">The value.</param>
    static abstract void Write(ref WireWriter writer, scoped in T value);

    /// <summary>Reads and validates a value.</summary>
    /// <param name="reader">The frame being read.</param>
    static abstract T Read(scoped ref WireReader reader);

    /// <summary>Whether <see langword="null"/> is a value of this codec. A server method that returns null for a codec
    /// that does not accept it answers its caller with an error naming the method (see <see cref="ServerCall.Reply{T, TCodec}(T)"/>).</summary>
    static virtual bool AcceptsNull => true;

    /// <summary>
    /// Whether the value, when it is the last of a frame, can send its elements straight from its own memory after
    /// the frame's inline bytes (the frame's trailer): a block of elements whose memory is their wire form. The wire
    /// bytes are the same either way; only the copy is saved.
    /// </summary>
    static virtual bool HasTrailer => false;

    /// <summary>For a codec with <see cref="HasTrailer"/>: the element count, written inline (-1 for null).</summary>
    /// <param name="value">The value.</param>
    static virtual int TrailerCount(scoped in T value) => throw new NotSupportedException();

    /// <summary>For a codec with <see cref="HasTrailer"/>: the elements' bytes, sent after the inline part.</summary>
    /// <param name="value">The value.</param>
    static virtual ReadOnlySpan<byte> Trailer(T value) => default;

    /// <summary>
    /// Disposes what a server method handed over by returning it, once its reply was sent (or could not be): a handle
    /// whose descriptor the peer now has its own copy of. Nothing for values that hold no descriptor.
    /// </summary>
    /// <param name="value">The result that was sent.</param>
    static virtual void DisposeSent(T value)
    {
    }
}

/// <summary>A codec whose values all take the same number of bytes: the elements of blocks, nullables and tuples.</summary>
/// <typeparam name="T">The type on the wire.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFixedSizeCodec<T> : IWireCodec<T>
{
    /// <summary>The size of every value on the wire.</summary>
    static abstract int Size { get; }

    /// <summary>Whether a value's memory is its wire form (no padding, every bit pattern valid): blocks of such values
    /// travel as one copy, and a receiver may point into the frame instead of copying.</summary>
    static abstract bool IsRaw { get; }
}
