using System.Numerics;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>
/// One call of every <see cref="IEverything"/> method with telling arguments (limits, special values, empty and
/// large blocks, nulls where the contract allows them). The seed builders make these calls with a real client
/// and keep the bytes it writes, so the seeds follow the generated encoders.
/// </summary>
internal static class SampleCalls
{
    /// <summary>A block larger than the copy limit of the frame writer (sent by reference), well under 64 KiB.</summary>
    private static readonly byte[] LargeBlock = CreateBlock(20_000);

    public static IReadOnlyList<(string Name, Action<IEverything> Call)> All { get; } =
    [
        ("AddAsync", c => c.AddAsync(int.MaxValue, 1).GetAwaiter().GetResult()),
        ("CopySpan", c => c.CopySpan([1, 2, 3])),
        ("Count", c => c.Count(1, 2, 3, 4)),
        ("Defaults", c => c.Defaults()),
        ("Delay", c => c.Delay(0, CancellationToken.None)),
        ("DelayAsync", c => c.DelayAsync(0, CancellationToken.None).AsTask().GetAwaiter().GetResult()),
        ("Describe", c => c.Describe(new byte[] { 9, 8 }, new Size(640, 480, true), "label", Color.Green)),
        ("DoubleInPlace", c => c.DoubleInPlace(new[] { 1, -2, int.MaxValue })),
        ("EchoBoolean", c => c.EchoBoolean(true)),
        ("EchoBooleans", c => c.EchoBooleans([true, false, true])),
        ("EchoByte", c => c.EchoByte(0xFF)),
        ("EchoBytes", c => c.EchoBytes(LargeBlock)),
        ("EchoChar", c => c.EchoChar('\uD83D')),
        ("EchoColor", c => c.EchoColor(Color.Black)),
        ("EchoColors", c => c.EchoColors([Color.Red, Color.Blue, Color.Black])),
        ("EchoDateTime", c => c.EchoDateTime(new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc))),
        ("EchoDecimal", c => c.EchoDecimal(-79228162514264337593543950335m / 3m)),
        ("EchoDouble", c => c.EchoDouble(double.NaN)),
        ("EchoDoubles", c => c.EchoDoubles([double.Epsilon, -0.0, double.PositiveInfinity])),
        ("EchoGuid", c => c.EchoGuid(new Guid("00112233-4455-6677-8899-aabbccddeeff"))),
        ("EchoHalf", c => c.EchoHalf(Half.MaxValue)),
        ("EchoInt128", c => c.EchoInt128(Int128.MinValue)),
        ("EchoInt16", c => c.EchoInt16(short.MinValue)),
        ("EchoInt32", c => c.EchoInt32(-1)),
        ("EchoInt64", c => c.EchoInt64(long.MaxValue)),
        ("EchoIntMemory", c => c.EchoIntMemory(new[] { 7, 8, 9 })),
        ("EchoLevel", c => c.EchoLevel(Level.High)),
        ("EchoLongTuple", c => c.EchoLongTuple((int.MinValue, long.MaxValue, -2, 255, true, 'x', 0.5, Color.Red, Guid.Empty))),
        ("EchoMatrix", c => c.EchoMatrix(new Matrix3x2(1, 2, 3, 4, 5, 6))),
        ("EchoMemory", c => c.EchoMemory(new byte[] { 1, 0, 255 })),
        ("EchoMixedTuple", c => c.EchoMixedTuple((Color.Blue, new Point { X = 1, Y = -1 }, -5))),
        ("EchoNInt", c => c.EchoNInt(nint.MinValue)),
        ("EchoNUInt", c => c.EchoNUInt(nuint.MaxValue)),
        ("EchoNested", c => c.EchoNested(SampleNested())),
        ("EchoNullableColor", c => c.EchoNullableColor(null)),
        ("EchoNullableInt", c => c.EchoNullableInt(42)),
        ("EchoNullableInts", c => c.EchoNullableInts(null)),
        ("EchoNullablePadded", c => c.EchoNullablePadded(new Padded { Tag = 1, Value = -1, Flag = true })),
        ("EchoNullableString", c => c.EchoNullableString(null)),
        ("EchoOptional", c => c.EchoOptional(new Optional { Tint = null, Id = 3 })),
        ("EchoPackedHeader", c => c.EchoPackedHeader(new PackedHeader { Kind = 2, Length = 100, Final = true })),
        ("EchoPadded", c => c.EchoPadded(new Padded { Tag = 0xAB, Value = long.MinValue, Flag = false })),
        ("EchoPaddedArray", c => c.EchoPaddedArray([new Padded { Tag = 1, Value = 2, Flag = true }, default])),
        ("EchoPermissions", c => c.EchoPermissions(Permissions.Read | Permissions.Execute)),
        ("EchoPoint", c => c.EchoPoint(new Point { X = int.MinValue, Y = int.MaxValue })),
        ("EchoPoints", c => c.EchoPoints([new Point { X = 1, Y = 2 }, new Point { X = 3, Y = 4 }])),
        ("EchoQuad", c => c.EchoQuad(Quad.Of(-1, 0, 1, int.MaxValue))),
        ("EchoSByte", c => c.EchoSByte(sbyte.MinValue)),
        ("EchoSingle", c => c.EchoSingle(float.NegativeInfinity)),
        ("EchoSize", c => c.EchoSize(new Size(1, 2, false))),
        ("EchoSmallBuffer", c => c.EchoSmallBuffer(SampleSmallBuffer())),
        ("EchoString", c => c.EchoString("héllo, wörld \U0001F600")),
        ("EchoTimeSpan", c => c.EchoTimeSpan(TimeSpan.MinValue)),
        ("EchoTuple", c => c.EchoTuple((3, 0.5, true))),
        ("EchoUInt16", c => c.EchoUInt16(ushort.MaxValue)),
        ("EchoUInt32", c => c.EchoUInt32(uint.MaxValue)),
        ("EchoUInt64", c => c.EchoUInt64(ulong.MaxValue)),
        ("EchoUnion", c => c.EchoUnion(new Union { AsInt = 0x3F800000, Tail = -2 })),
        ("EchoVector", c => c.EchoVector(new Vector3(1, float.NaN, -0f))),
        ("Fail", c => ExpectRemoteError(() => c.Fail("the server's method threw"))),
        ("FailAsync", c => ExpectRemoteError(() => c.FailAsync("the server's async method threw").GetAwaiter().GetResult())),
        ("LastRecorded", c => c.LastRecorded()),
        ("PingAsync", c => c.PingAsync().AsTask().GetAwaiter().GetResult()),
        ("Record", c => c.Record(17)),
        ("RecordAsync", c => c.RecordAsync(18).GetAwaiter().GetResult()),
        ("Spread", c => c.Spread(-8, -1600, 320000, new byte[] { 0xCA, 0xFE }, long.MinValue, "nine", Quad.Of(1, 0, 0, -1), true, 0.25)),
        ("SumAsync", c => c.SumAsync(new byte[] { 1, 2, 3, 250 }, CancellationToken.None).AsTask().GetAwaiter().GetResult()),
    ];

    private static Nested SampleNested() => new()
    {
        Inner = new Padded { Tag = 7, Value = 8, Flag = true },
        Color = Color.Red,
        Amount = 12.345m,
        When = DateTime.MaxValue,
        Maybe = null,
        Where = new Point { X = 5, Y = 6 },
    };

    private static unsafe SmallBuffer SampleSmallBuffer()
    {
        var buffer = new SmallBuffer { Length = 6 };
        for (int i = 0; i < 6; i++)
        {
            buffer.Data[i] = (byte)(i * 40);
        }

        return buffer;
    }

    private static void ExpectRemoteError(Action call)
    {
        try
        {
            call();
        }
        catch (ChannelRemoteException)
        {
            // The seed wants the Error frame, which the server sent.
        }
    }

    private static byte[] CreateBlock(int length)
    {
        byte[] block = new byte[length];
        new Random(20).NextBytes(block);
        return block;
    }
}
