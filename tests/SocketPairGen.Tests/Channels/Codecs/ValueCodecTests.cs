using System.Runtime.InteropServices;
using SocketPairGen.Channels.Codecs;

namespace SocketPairGen.Tests.Channels.Codecs;

public class ValueCodecTests
{
    private enum Kind : byte
    {
        None,
        Small = 3,
        Large = 200,
    }

    private readonly struct KindValues : IEnumValues<Kind>
    {
        public static bool IsDefined(Kind value) => (byte)value is 0 or 3 or 200;
    }

    [Fact]
    public void Unmanaged_RoundTripsItsBytes()
    {
        Assert.Equal(BitConverter.GetBytes(0x01020304), CodecAssert.Encode<int, UnmanagedCodec<int>>(0x01020304));
        Assert.Equal(-1.5, CodecAssert.RoundTrip<double, UnmanagedCodec<double>>(-1.5));
        var id = Guid.NewGuid();
        Assert.Equal(id, CodecAssert.RoundTrip<Guid, UnmanagedCodec<Guid>>(id));
    }

    [Fact]
    public void Unmanaged_RefusesAValueCutShort() =>
        CodecAssert.Refused<long, UnmanagedCodec<long>>([1, 2, 3], "ends early");

    [Fact]
    public void Boolean_IsOneByteZeroOrOne()
    {
        Assert.Equal([1], CodecAssert.Encode<bool, BooleanCodec>(true));
        Assert.False(CodecAssert.RoundTrip<bool, BooleanCodec>(false));
    }

    [Fact]
    public void Boolean_RefusesTwo() => CodecAssert.Refused<bool, BooleanCodec>([2], "only 0 and 1");

    [Fact]
    public void BooleanFieldChecks_RefuseTwoOnArrival_AndBeforeSending()
    {
        byte[] bytes = [0, 2];
        Assert.Throws<SocketPairGen.ChannelProtocolException>(() => BooleanCodec.CheckReceived(bytes, 1, "S.Flag"));
        var error = Assert.ThrowsAny<ArgumentException>(() => BooleanCodec.CheckSending(bytes, 1, "S.Flag"));
        Assert.Contains("S.Flag", error.Message, StringComparison.Ordinal);
        BooleanCodec.CheckReceived(bytes, 0, "S.Flag");
    }

    [Fact]
    public void Enum_RoundTripsDefinedValues() =>
        Assert.Equal(Kind.Large, CodecAssert.RoundTrip<Kind, EnumCodec<Kind, KindValues>>(Kind.Large));

    [Fact]
    public void Enum_RefusesAnUndefinedValueOnArrival_NamingTheEnum() =>
        CodecAssert.Refused<Kind, EnumCodec<Kind, KindValues>>([7], "ValueCodecTests.Kind");

    [Fact]
    public void Enum_RefusesAnUndefinedValueBeforeWritingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CodecAssert.Encode<Kind, EnumCodec<Kind, KindValues>>((Kind)7));
        Assert.Contains("7 is not a defined value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_RoundTrips_AndRefusesAScaleAbove28()
    {
        Assert.Equal(-12.345m, CodecAssert.RoundTrip<decimal, DecimalCodec>(-12.345m));
        byte[] bytes = CodecAssert.Encode<decimal, DecimalCodec>(1m);
        bytes[2] = 29; // the scale byte of the flags
        CodecAssert.Refused<decimal, DecimalCodec>(bytes, "invalid decimal");
    }

    [Fact]
    public void DateTime_RoundTripsWithItsKind_AndRefusesTicksOutOfRange()
    {
        var now = DateTime.UtcNow;
        DateTime back = CodecAssert.RoundTrip<DateTime, DateTimeCodec>(now);
        Assert.Equal(now, back);
        Assert.Equal(DateTimeKind.Utc, back.Kind);
        CodecAssert.Refused<DateTime, DateTimeCodec>(BitConverter.GetBytes(long.MaxValue & 0x3FFF_FFFF_FFFF_FFFF), "invalid DateTime");
    }

    [Fact]
    public void Nullable_WithoutAValue_TravelsAsZeros_AndRefusesValueBytesBehindIt()
    {
        Assert.Equal([0, 0, 0, 0, 0], CodecAssert.Encode<int?, NullableCodec<int, UnmanagedCodec<int>>>(null));
        Assert.Equal(5, CodecAssert.RoundTrip<int?, NullableCodec<int, UnmanagedCodec<int>>>(5));
        Assert.Null(CodecAssert.RoundTrip<int?, NullableCodec<int, UnmanagedCodec<int>>>(null));
        CodecAssert.Refused<int?, NullableCodec<int, UnmanagedCodec<int>>>([0, 1, 0, 0, 0], "int? without a value");
        CodecAssert.Refused<int?, NullableCodec<int, UnmanagedCodec<int>>>([2, 1, 0, 0, 0], "only 0 and 1");
    }

    [Fact]
    public void Tuple_WritesItsElementsInOrder_EachWithItsCodec()
    {
        (int, bool, Kind) value = (7, true, Kind.Small);
        byte[] bytes = CodecAssert.Encode<(int, bool, Kind), TupleCodec<int, UnmanagedCodec<int>, bool, BooleanCodec, Kind, EnumCodec<Kind, KindValues>>>(value);
        Assert.Equal([7, 0, 0, 0, 1, 3], bytes);
        Assert.Equal(value, CodecAssert.Decode<(int, bool, Kind), TupleCodec<int, UnmanagedCodec<int>, bool, BooleanCodec, Kind, EnumCodec<Kind, KindValues>>>(bytes));
        CodecAssert.Refused<(int, bool, Kind), TupleCodec<int, UnmanagedCodec<int>, bool, BooleanCodec, Kind, EnumCodec<Kind, KindValues>>>([7, 0, 0, 0, 1, 4], "not a defined value");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Padded
    {
        public byte Tag;
        public int Value;
        public bool Flag;
    }

    private readonly struct PaddedLayout : IStructLayout<Padded>
    {
        public static void PrepareToSend(Span<byte> bytes)
        {
            bytes.Slice(1, 3).Clear();
            bytes.Slice(9, 3).Clear();
            BooleanCodec.CheckSending(bytes, 8, "Padded.Flag");
        }

        public static void CheckReceived(ReadOnlySpan<byte> bytes) => BooleanCodec.CheckReceived(bytes, 8, "Padded.Flag");
    }

    [Fact]
    public void Struct_ClearsItsPaddingBeforeSending_AndChecksItsFieldsOnArrival()
    {
        var value = new Padded { Tag = 1, Value = 2, Flag = true };
        Span<byte> memory = MemoryMarshal.AsBytes(new Span<Padded>(ref value));
        memory[1] = 0xAA; // stale memory in the padding
        byte[] bytes = CodecAssert.Encode<Padded, StructCodec<Padded, PaddedLayout>>(value);
        Assert.Equal([1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0], bytes);
        Assert.Equal(2, CodecAssert.Decode<Padded, StructCodec<Padded, PaddedLayout>>(bytes).Value);
        bytes[8] = 2;
        CodecAssert.Refused<Padded, StructCodec<Padded, PaddedLayout>>(bytes, "Padded.Flag");
    }
}
