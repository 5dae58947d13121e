using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// One value as a frame's whole payload: a reply's result on the server, written with <typeparamref name="TCodec"/>.
/// A block whose elements' memory is their wire form is sent as the frame's trailer, straight from the result's memory.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <typeparam name="TCodec">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct ResultPayload<T, TCodec> : IFramePayload
    where TCodec : IWireCodec<T>
{
    private readonly T _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    /// <param name="value">The result.</param>
    public ResultPayload(T value) => _value = value;

    /// <inheritdoc/>
    public long InlineLength => TCodec.HasTrailer ? 4 : TCodec.Measure(_value);

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => TCodec.HasTrailer ? TCodec.Trailer(_value) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        if (TCodec.HasTrailer)
        {
            writer.Write(TCodec.TrailerCount(_value));
        }
        else
        {
            TCodec.Write(ref writer, _value);
        }
    }
}

/// <summary>Decodes a reply whose payload is one value written with <typeparamref name="TCodec"/>: the client's side of
/// <see cref="ResultPayload{T, TCodec}"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <typeparam name="TCodec">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ResultDecoder<T, TCodec> : IFrameDecoder<T>
    where TCodec : IWireCodec<T>
{
    /// <inheritdoc/>
    public static T Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        return Decode(ref reader);
    }

    /// <inheritdoc/>
    public static T Decode(scoped ref WireReader reader)
    {
        T value = TCodec.Read(ref reader);
        reader.EnsureEnd();
        return value;
    }
}
