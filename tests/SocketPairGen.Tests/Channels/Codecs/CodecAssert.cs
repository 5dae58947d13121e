using SocketPairGen.Channels;
using SocketPairGen.Channels.Codecs;

namespace SocketPairGen.Tests.Channels.Codecs;

/// <summary>Writes values with a codec and reads bytes back with it, as a frame's payload would.</summary>
internal static class CodecAssert
{
    /// <summary>The bytes <typeparamref name="TCodec"/> writes for <paramref name="value"/>, checked against its measure.</summary>
    public static byte[] Encode<T, TCodec>(T value)
        where TCodec : IWireCodec<T>
    {
        byte[] bytes = new byte[TCodec.Measure(value)];
        var writer = new WireWriter(bytes);
        TCodec.Write(ref writer, value);
        Assert.Equal(bytes.Length, writer.Position);
        return bytes;
    }

    /// <summary>Reads one value from <paramref name="bytes"/>, which it must use up.</summary>
    public static T Decode<T, TCodec>(byte[] bytes)
        where TCodec : IWireCodec<T>
    {
        var reader = new WireReader(bytes);
        T value = TCodec.Read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Encodes and decodes <paramref name="value"/>.</summary>
    public static T RoundTrip<T, TCodec>(T value)
        where TCodec : IWireCodec<T> =>
        Decode<T, TCodec>(Encode<T, TCodec>(value));

    /// <summary>Reading <paramref name="bytes"/> is a protocol error whose message contains <paramref name="expected"/>.</summary>
    public static void Refused<T, TCodec>(byte[] bytes, string expected)
        where TCodec : IWireCodec<T>
    {
        var error = Assert.Throws<ChannelProtocolException>(() => Decode<T, TCodec>(bytes));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
