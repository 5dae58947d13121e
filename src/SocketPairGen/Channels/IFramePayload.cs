using System.ComponentModel;

namespace SocketPairGen.Channels;

/// <summary>
/// The payload of an outgoing frame, written straight into the channel's send buffer: the arguments of a
/// request or the result of a reply. Generated code implements it with a struct (or ref struct) holding the
/// values, so sending allocates nothing.
/// </summary>
/// <remarks>
/// A payload has two parts. The inline part (<see cref="InlineLength"/> bytes, written by
/// <see cref="WriteInline"/>) is copied into the send buffer; the trailer (<see cref="Trailer"/>) is sent after
/// it straight from the caller's memory when it is large, so a 1 MiB block costs no extra copy.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFramePayload
{
    /// <summary>How many bytes <see cref="WriteInline"/> writes. A sum of the arguments' measures, in 64 bits: arguments
    /// that together pass any frame's size are refused by the frame's size check, never wrapped around.</summary>
    long InlineLength { get; }

    /// <summary>Writes exactly <see cref="InlineLength"/> bytes. Bytes it skips (padding) go out as zeros, so no stale
    /// memory of this process reaches the peer.</summary>
    /// <param name="writer">A writer over exactly <see cref="InlineLength"/> bytes of the send buffer.</param>
    void WriteInline(ref WireWriter writer);

    /// <summary>Bytes that follow the inline part on the wire (often empty).</summary>
    ReadOnlySpan<byte> Trailer { get; }
}

/// <summary>
/// Decodes the payload of an incoming reply into a result. Generated code implements it once per result shape,
/// with a static method, so decoding needs no instance and no allocation for unmanaged results.
/// </summary>
/// <typeparam name="TResult">The decoded value.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFrameDecoder<TResult>
{
    /// <summary>
    /// Decodes <paramref name="payload"/>, validating everything it reads (use <see cref="WireReader"/>): a
    /// malformed payload throws <see cref="ChannelProtocolException"/>. The span is valid only during the call:
    /// copy what the result keeps.
    /// </summary>
    /// <param name="payload">The reply's payload.</param>
    static abstract TResult Decode(ReadOnlySpan<byte> payload);

    /// <summary>Decodes a reply that arrived with descriptors, through <paramref name="reader"/>, which hands them to
    /// the result's handle codecs; checks that nothing is left. Only results that hold handles implement it.</summary>
    /// <param name="reader">A reader over the reply's payload and its descriptors.</param>
    static virtual TResult Decode(scoped ref WireReader reader) =>
        throw new ChannelProtocolException("Received descriptors with a reply whose result holds none.");
}

/// <summary>An empty payload: the request of a method without parameters, or the reply of a <c>void</c> method.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EmptyPayload : IFramePayload, IFrameDecoder<EmptyPayload>
{
    /// <inheritdoc/>
    public long InlineLength => 0;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
    }

    /// <summary>Accepts only an empty payload.</summary>
    /// <param name="payload">The reply's payload.</param>
    public static EmptyPayload Decode(ReadOnlySpan<byte> payload)
    {
        if (!payload.IsEmpty)
        {
            throw new ChannelProtocolException($"Expected an empty reply, received {payload.Length} bytes.");
        }

        return default;
    }
}
