using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SocketPairGen.Channels;
using SocketPairGen.Channels.Codecs;

namespace SocketPairGen.Tests.Channels.Codecs;

public class BlockCodecTests
{
    [Fact]
    public void String_IsItsUtf8WithALength_NullAsMinusOne()
    {
        Assert.Equal([3, 0, 0, 0, 0xC3, 0xA9, (byte)'!'], CodecAssert.Encode<string?, StringCodec>("é!"));
        Assert.Equal("é!", CodecAssert.RoundTrip<string?, StringCodec>("é!"));
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], CodecAssert.Encode<string?, StringCodec>(null));
        Assert.Null(CodecAssert.RoundTrip<string?, StringCodec>(null));
    }

    [Fact]
    public void String_RefusesInvalidUtf8() => CodecAssert.Refused<string?, StringCodec>([2, 0, 0, 0, 0xC3, 0x28], "not valid UTF-8");

    [Fact]
    public void String_RefusesALengthThatOverrunsThePayload() => CodecAssert.Refused<string?, StringCodec>([9, 0, 0, 0, 0x41], "ends early");

    [Fact]
    public void NonNullString_RefusesTheNullMarker() => CodecAssert.Refused<string, NonNullStringCodec>([0xFF, 0xFF, 0xFF, 0xFF], "cannot be null");

    [Fact]
    public void Array_OfRawElements_IsACountThenTheirBytes()
    {
        Assert.Equal([2, 0, 0, 0, 1, 0, 2, 0], CodecAssert.Encode<short[]?, ArrayCodec<short, UnmanagedCodec<short>>>([1, 2]));
        Assert.Equal([1, 2], CodecAssert.RoundTrip<short[]?, ArrayCodec<short, UnmanagedCodec<short>>>([1, 2]));
        Assert.Null(CodecAssert.RoundTrip<short[]?, ArrayCodec<short, UnmanagedCodec<short>>>(null));
        CodecAssert.Refused<short[], NonNullArrayCodec<short, UnmanagedCodec<short>>>([0xFF, 0xFF, 0xFF, 0xFF], "cannot be null");
    }

    [Fact]
    public void Array_OfElementsThatNeedChecks_ChecksEachOne()
    {
        Assert.Equal([true, false], CodecAssert.RoundTrip<bool[], NonNullArrayCodec<bool, BooleanCodec>>([true, false]));
        CodecAssert.Refused<bool[], NonNullArrayCodec<bool, BooleanCodec>>([2, 0, 0, 0, 1, 2], "only 0 and 1");
    }

    [Fact]
    public void Block_RefusesACountThatOverrunsThePayload()
    {
        CodecAssert.Refused<int[], NonNullArrayCodec<int, UnmanagedCodec<int>>>([2, 0, 0, 0, 1, 0, 0, 0], "count of 2 elements");
        CodecAssert.Refused<bool[], NonNullArrayCodec<bool, BooleanCodec>>([5, 0, 0, 0, 1], "count of 5 elements");
    }

    [Fact]
    public void Block_RefusesACountWhoseByteSizeOverflowsAnInt() =>
        CodecAssert.Refused<long[], NonNullArrayCodec<long, UnmanagedCodec<long>>>([0xFF, 0xFF, 0xFF, 0x3F, 0, 0, 0, 0], "count of 1073741823 elements of 8 bytes");

    [Fact]
    public void Memory_OfBytes_PointsIntoTheFrame_WhenTheReaderHasItsMemory()
    {
        byte[] frame = [3, 0, 0, 0, 7, 8, 9];
        var reader = new WireReader((ReadOnlyMemory<byte>)frame);
        ReadOnlyMemory<byte> block = ReadOnlyMemoryCodec<byte, UnmanagedCodec<byte>>.Read(ref reader);
        Assert.True(reader.PointsIntoPayload);
        Assert.True(MemoryMarshal.TryGetArray(block, out ArraySegment<byte> segment) && segment.Array == frame && segment.Offset == 4);

        var copying = new WireReader(frame.AsSpan());
        Assert.Equal([7, 8, 9], ReadOnlyMemoryCodec<byte, UnmanagedCodec<byte>>.Read(ref copying).ToArray());
        Assert.False(copying.PointsIntoPayload);
    }

    [Fact]
    public void Span_OfRawElements_IsReadInPlace()
    {
        byte[] frame = [2, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0];
        var reader = new WireReader(frame.AsSpan());
        Span<int> values = SpanCodec<int, UnmanagedCodec<int>>.Read(ref reader);
        values[0] = 42; // the implementation may write to its span: it is the frame's bytes
        Assert.Equal(42, frame[4]);
    }

    [Fact]
    public void RawBlock_CanTrailTheFrame_AsItsCountThenItsOwnMemory()
    {
        long[] values = [1, 2];
        Assert.True(NonNullArrayCodec<long, UnmanagedCodec<long>>.HasTrailer);
        Assert.False(NonNullArrayCodec<bool, BooleanCodec>.HasTrailer);
        Assert.Equal(2, NonNullArrayCodec<long, UnmanagedCodec<long>>.TrailerCount(values));
        Assert.True(Unsafe.AreSame(ref Unsafe.As<long, byte>(ref values[0]),
            ref MemoryMarshal.GetReference(NonNullArrayCodec<long, UnmanagedCodec<long>>.Trailer(values))));
    }

    [Fact]
    public void BlockLargerThanAnyFrame_IsRefusedBeforeAnythingIsWritten_ForEveryElementKind()
    {
        // A span that claims 300 million elements: its size is computed, never its memory touched.
        int count = 300_000_000;
        byte anchor = 0;
        ReadOnlySpan<long> raw = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, long>(ref anchor), count);
        Assert.Contains("300000000 elements of 8 bytes", MeasureError<long, UnmanagedCodec<long>>(raw).Message, StringComparison.Ordinal);
        Assert.Contains("300000000 elements of 8 bytes", TrailerError(raw).Message, StringComparison.Ordinal);

        ReadOnlySpan<decimal> checkedElements = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, decimal>(ref anchor), count);
        Assert.Contains("elements of 16 bytes", MeasureError<decimal, DecimalCodec>(checkedElements).Message, StringComparison.Ordinal);
    }

    private static ChannelProtocolException MeasureError<T, TElement>(ReadOnlySpan<T> span)
        where TElement : IFixedSizeCodec<T>
    {
        try
        {
            ReadOnlySpanCodec<T, TElement>.Measure(span);
        }
        catch (ChannelProtocolException error)
        {
            return error;
        }

        throw new Xunit.Sdk.XunitException("The block was measured without an error.");
    }

    private static ChannelProtocolException TrailerError(ReadOnlySpan<long> span)
    {
        try
        {
            _ = ReadOnlySpanCodec<long, UnmanagedCodec<long>>.Trailer(span);
        }
        catch (ChannelProtocolException error)
        {
            return error;
        }

        throw new Xunit.Sdk.XunitException("The trailer was taken without an error.");
    }
}
