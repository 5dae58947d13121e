using SocketPairGen.Channels;
using SocketPairGen.Channels.Codecs;

namespace SocketPairGen.Tests.Channels.Codecs;

/// <summary>
/// <see cref="Arguments{T1, C1, T2, C2}"/> and its siblings, the request of every generated method: the arguments one
/// after the other in their codecs' forms, the last block that can be sent from its own memory as the frame's
/// trailer, and past seven arguments a nested rest that changes nothing on the wire.
/// </summary>
public class ArgumentsTests
{
    private const byte Bool = 1;

    [Fact]
    public void Arguments_AreEachCodecsBytes_OneAfterTheOther()
    {
        var request = new Arguments<int, UnmanagedCodec<int>, string, NonNullStringCodec, bool, BooleanCodec>(7, "é", true);
        Assert.Equal([7, 0, 0, 0, 2, 0, 0, 0, 0xC3, 0xA9, Bool], Inline(request));
        Assert.True(request.Trailer.IsEmpty);
    }

    [Fact]
    public void ABlockLast_IsTheTrailer_ItsCountInline()
    {
        ReadOnlySpan<short> values = [1, 2];
        var request = new Arguments<bool, BooleanCodec, ReadOnlySpan<short>, ReadOnlySpanCodec<short, UnmanagedCodec<short>>>(true, values);
        Assert.Equal([Bool, 2, 0, 0, 0], Inline(request));
        Assert.Equal([1, 0, 2, 0], request.Trailer.ToArray());

        // The receiver sees the inline bytes and the trailer as one payload: the count, then the elements.
        byte[] payload = [.. Inline(request), .. request.Trailer];
        var reader = new WireReader(payload);
        var read = Arguments<bool, BooleanCodec, ReadOnlySpan<short>, ReadOnlySpanCodec<short, UnmanagedCodec<short>>>.Read(ref reader);
        reader.EnsureEnd();
        Assert.True(read.Item1);
        Assert.Equal([1, 2], read.Item2.ToArray());
    }

    [Fact]
    public void ABlockThatIsNotLast_IsWrittenInline()
    {
        var request = new Arguments<byte[], NonNullArrayCodec<byte, UnmanagedCodec<byte>>, bool, BooleanCodec>([9, 8], false);
        Assert.Equal([2, 0, 0, 0, 9, 8, 0], Inline(request));
        Assert.True(request.Trailer.IsEmpty);
    }

    [Fact]
    public void ABlockOfElementsThatNeedChecks_IsNeverATrailer()
    {
        var request = new Arguments<int, UnmanagedCodec<int>, bool[], NonNullArrayCodec<bool, BooleanCodec>>(1, [true]);
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, Bool], Inline(request));
        Assert.True(request.Trailer.IsEmpty);
    }

    [Fact]
    public void ATrailer_IsTheBytesTheCodecWouldWriteInline()
    {
        // The generator decides the wire order; the runtime sends the last argument as the trailer whenever its codec
        // can. That is safe only because a trailer's bytes are the value's bytes: checked for each kind of block.
        SameBytes<byte[], NonNullArrayCodec<byte, UnmanagedCodec<byte>>>([1, 2, 3]);
        SameBytes<int[]?, ArrayCodec<int, UnmanagedCodec<int>>>([-1, int.MaxValue]);
        SameBytes<int[]?, ArrayCodec<int, UnmanagedCodec<int>>>(null);
        SameBytes<int[]?, ArrayCodec<int, UnmanagedCodec<int>>>([]);
        SameBytes<Access[], NonNullArrayCodec<Access, UnmanagedCodec<Access>>>([Access.Read | Access.Write, (Access)0x80]);
        SameBytes<ReadOnlyMemory<long>, ReadOnlyMemoryCodec<long, UnmanagedCodec<long>>>(new long[] { long.MinValue, 7 });
        SameBytes<Memory<Guid>, MemoryCodec<Guid, UnmanagedCodec<Guid>>>(new[] { Guid.Empty });
    }

    [Fact]
    public void NineArguments_NestTheirRest_AndTheWireSeesThemInOrder()
    {
        ReadOnlyMemory<byte> block = new byte[] { 0xCA, 0xFE };
        var request = new Arguments<byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>,
            byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>,
            Arguments<string, NonNullStringCodec, ReadOnlyMemory<byte>, ReadOnlyMemoryCodec<byte, UnmanagedCodec<byte>>>>(
            1, 2, 3, 4, 5, 6, 7, new("x", block));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 1, 0, 0, 0, (byte)'x', 2, 0, 0, 0], Inline(request));
        Assert.Equal([0xCA, 0xFE], request.Trailer.ToArray());

        byte[] payload = [.. Inline(request), .. request.Trailer];
        var reader = new WireReader((ReadOnlyMemory<byte>)payload);
        var read = Arguments<byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>,
            byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>, byte, UnmanagedCodec<byte>,
            Arguments<string, NonNullStringCodec, ReadOnlyMemory<byte>, ReadOnlyMemoryCodec<byte, UnmanagedCodec<byte>>>>.Read(ref reader);
        reader.EnsureEnd();
        Assert.Equal(28, read.Item1 + read.Item2 + read.Item3 + read.Item4 + read.Item5 + read.Item6 + read.Item7);
        Assert.Equal("x", read.Rest.Item1);
        Assert.Equal([0xCA, 0xFE], read.Rest.Item2.ToArray());
    }

    [Fact]
    public void Reading_ValidatesEveryArgument_AndRefusesAPayloadThatEndsEarly()
    {
        Assert.Contains("only 0 and 1", Refusal<Arguments<int, UnmanagedCodec<int>, bool, BooleanCodec>>([1, 0, 0, 0, 2]), StringComparison.Ordinal);
        Assert.Contains("ends early", Refusal<Arguments<int, UnmanagedCodec<int>, bool, BooleanCodec>>([1, 0, 0, 0]), StringComparison.Ordinal);
        Assert.Contains("cannot be null", Refusal<Arguments<bool, BooleanCodec, string, NonNullStringCodec>>([0, 0xFF, 0xFF, 0xFF, 0xFF]), StringComparison.Ordinal);
    }

    [Flags]
    private enum Access : short
    {
        Read = 1,
        Write = 2,
    }

    private static void SameBytes<T, TCodec>(T value)
        where TCodec : IWireCodec<T>
    {
        Assert.True(TCodec.HasTrailer, typeof(TCodec).Name + " sends no trailer.");
        var request = new Arguments<bool, BooleanCodec, T, TCodec>(false, value);
        byte[] sent = [.. Inline(request), .. request.Trailer];
        Assert.Equal([0, .. CodecAssert.Encode<T, TCodec>(value)], sent);
    }

    private static byte[] Inline<TRequest>(TRequest request)
        where TRequest : IFramePayload, allows ref struct
    {
        byte[] bytes = new byte[request.InlineLength];
        var writer = new WireWriter(bytes);
        request.WriteInline(ref writer);
        Assert.Equal(bytes.Length, writer.Position);
        return bytes;
    }

    private static string Refusal<TRequest>(byte[] payload)
        where TRequest : IRequest<TRequest>, allows ref struct
    {
        try
        {
            var reader = new WireReader(payload);
            TRequest.Read(ref reader);
            reader.EnsureEnd();
        }
        catch (ChannelProtocolException error)
        {
            return error.Message;
        }

        throw new Xunit.Sdk.XunitException("The payload was accepted.");
    }
}
