using System.Runtime.InteropServices;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>Every supported type and method shape, through generated code, compared value by value.</summary>
public abstract class EverythingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    protected abstract IEverything Client { get; }

    /// <summary>The generated proxy itself (not through the interface), whose signatures carry the defaults.</summary>
    public IEverything.Client GeneratedClient => (IEverything.Client)Client;

    [Fact]
    public void Primitives_RoundTripAtTheirEdges()
    {
        foreach (sbyte value in new sbyte[] { sbyte.MinValue, -1, 0, sbyte.MaxValue })
        {
            Assert.Equal(value, Client.EchoSByte(value));
        }

        Assert.Equal(byte.MaxValue, Client.EchoByte(byte.MaxValue));
        Assert.Equal(short.MinValue, Client.EchoInt16(short.MinValue));
        Assert.Equal(ushort.MaxValue, Client.EchoUInt16(ushort.MaxValue));
        Assert.Equal(int.MinValue, Client.EchoInt32(int.MinValue));
        Assert.Equal(uint.MaxValue, Client.EchoUInt32(uint.MaxValue));
        Assert.Equal(long.MinValue, Client.EchoInt64(long.MinValue));
        Assert.Equal(ulong.MaxValue, Client.EchoUInt64(ulong.MaxValue));
        Assert.Equal(nint.MinValue, Client.EchoNInt(nint.MinValue));
        Assert.Equal(nuint.MaxValue, Client.EchoNUInt(nuint.MaxValue));
        Assert.Equal('\uD800', Client.EchoChar('\uD800')); // a lone surrogate is a valid char
        Assert.Equal('é', Client.EchoChar('é'));
        Assert.True(Client.EchoBoolean(true));
        Assert.False(Client.EchoBoolean(false));
        Assert.Equal(Int128.MinValue, Client.EchoInt128(Int128.MinValue));
        Assert.Equal(Half.MaxValue, Client.EchoHalf(Half.MaxValue));
    }

    [Fact]
    public void FloatingPoint_KeepsEveryBit()
    {
        foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, double.MinValue })
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(Client.EchoDouble(value)));
        }

        float nan = BitConverter.Int32BitsToSingle(0x7FC0_0123); // a NaN with a payload
        Assert.Equal(0x7FC0_0123, BitConverter.SingleToInt32Bits(Client.EchoSingle(nan)));
        Assert.Equal(float.MinValue, Client.EchoSingle(float.MinValue));
    }

    [Fact]
    public void DecimalGuidDateTimeTimeSpan_RoundTrip()
    {
        foreach (decimal value in new[] { decimal.MinValue, decimal.MaxValue, 0m, -0.0000000000000000000000000001m, 1.50m })
        {
            decimal echoed = Client.EchoDecimal(value);
            Assert.Equal(value, echoed);
            Assert.Equal(decimal.GetBits(value), decimal.GetBits(echoed)); // the scale survives too (1.50 stays 1.50)
        }

        Guid guid = Guid.NewGuid();
        Assert.Equal(guid, Client.EchoGuid(guid));
        foreach (DateTime value in new[] { DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Local) })
        {
            DateTime echoed = Client.EchoDateTime(value);
            Assert.Equal(value, echoed);
            Assert.Equal(value.Kind, echoed.Kind);
        }

        Assert.Equal(TimeSpan.MinValue, Client.EchoTimeSpan(TimeSpan.MinValue));
    }

    [Fact]
    public void EnumsNullablesAndTuples_RoundTrip()
    {
        Assert.Equal(Color.Black, Client.EchoColor(Color.Black));
        Assert.Equal(Color.Blue, Client.EchoColor(Color.Blue));
        Assert.Equal(Level.High, Client.EchoLevel(Level.High));
        Permissions all = Permissions.Read | Permissions.Execute | (Permissions)(1L << 50); // flags: any bits
        Assert.Equal(all, Client.EchoPermissions(all));
        Assert.Null(Client.EchoNullableInt(null));
        Assert.Equal(-5, Client.EchoNullableInt(-5));
        Assert.Null(Client.EchoNullablePadded(null));
        Assert.Null(Client.EchoNullableColor(null)); // Color has no 0: the absent value's bytes are not validated
        Assert.Equal(Color.Black, Client.EchoNullableColor(Color.Black));
        Assert.Equal(new Optional { Tint = null, Id = 4 }, Client.EchoOptional(new Optional { Tint = null, Id = 4 }));
        Assert.Equal(new Optional { Tint = Color.Blue, Id = 5 }, Client.EchoOptional(new Optional { Tint = Color.Blue, Id = 5 }));
        var padded = new Padded { Tag = 9, Value = long.MaxValue, Flag = true };
        Assert.Equal(padded, Client.EchoNullablePadded(padded));
        Assert.Equal((7, double.NaN, true), Client.EchoTuple((7, double.NaN, true)));
        Assert.Equal((Color.Green, (Point?)new Point { X = 1, Y = -1 }, 99L), Client.EchoMixedTuple((Color.Green, new Point { X = 1, Y = -1 }, 99L)));
        Assert.Equal((Color.Red, (Point?)null, 0L), Client.EchoMixedTuple((Color.Red, null, 0L)));
        var nine = (int.MinValue, long.MaxValue, (short)-2, (byte)255, true, '\uD83D', double.NaN, Color.Blue, new Guid("00112233-4455-6677-8899-aabbccddeeff"));
        Assert.Equal(nine, Client.EchoLongTuple(nine));
    }

    [Fact]
    public unsafe void UserStructs_RoundTrip()
    {
        Assert.Equal(new Point { X = int.MinValue, Y = int.MaxValue }, Client.EchoPoint(new Point { X = int.MinValue, Y = int.MaxValue }));
        Assert.Equal(default, Client.EchoPadded(default));
        var nested = new Nested
        {
            Inner = new Padded { Tag = 1, Value = -2, Flag = true },
            Color = Color.Blue,
            Amount = 12345.678m,
            When = new DateTime(2026, 11, 25, 13, 0, 0, DateTimeKind.Utc),
            Maybe = 77,
            Where = new Point { X = 3, Y = 4 },
        };
        Assert.Equal(nested, Client.EchoNested(nested));
        Assert.Equal([int.MinValue, -1, 0, int.MaxValue], Client.EchoQuad(Quad.Of(int.MinValue, -1, 0, int.MaxValue)).ToArray());
        Nested defaults = default(Nested) with { Color = Color.Red }; // 0 is not a defined Color
        Assert.Equal(defaults, Client.EchoNested(defaults));
        Assert.Equal(new Size(640, 480, true), Client.EchoSize(new Size(640, 480, true)));

        var buffer = new SmallBuffer { Length = 3 };
        buffer.Data[0] = 1;
        buffer.Data[5] = 255;
        SmallBuffer echoed = Client.EchoSmallBuffer(buffer);
        Assert.Equal(3, echoed.Length);
        Assert.Equal(1, echoed.Data[0]);
        Assert.Equal(255, echoed.Data[5]);

        Assert.Equal(1.5f, Client.EchoUnion(new Union { AsFloat = 1.5f, Tail = -7 }).AsFloat);
        Assert.Equal(-7, Client.EchoUnion(new Union { AsInt = 5, Tail = -7 }).Tail);
        var header = new PackedHeader { Kind = 2, Length = 1 << 20, Final = true };
        Assert.Equal(header, Client.EchoPackedHeader(in header));
    }

    [Fact]
    public void StructsFromReferencedAssemblies_RoundTrip()
    {
        var matrix = new System.Numerics.Matrix3x2(1, 2, 3, 4, 5, float.MaxValue);
        Assert.Equal(matrix, Client.EchoMatrix(matrix));
        Assert.Equal(new System.Numerics.Vector3(1.5f, float.NaN, -0f), Client.EchoVector(new System.Numerics.Vector3(1.5f, float.NaN, -0f)));
    }

    [Fact]
    public void Strings_RoundTrip()
    {
        foreach (string value in new[] { "", "ascii", "ü€𝄞 日本語", new string('x', 100_000) })
        {
            Assert.Equal(value, Client.EchoString(value));
        }

        Assert.Null(Client.EchoNullableString(null));
        Assert.Equal("", Client.EchoNullableString(""));
    }

    [Fact]
    public void Blocks_RoundTrip()
    {
        byte[] large = new byte[3 * 1024 * 1024];
        new Random(3).NextBytes(large);
        Assert.Equal(large, Client.EchoBytes(large));
        Assert.Empty(Client.EchoBytes([]));
        Assert.Null(Client.EchoNullableInts(null));
        Assert.Equal([int.MinValue, 0, int.MaxValue], Client.EchoNullableInts([int.MinValue, 0, int.MaxValue])!);
        Assert.Equal([double.NaN, -0.0, 1e300], Client.EchoDoubles([double.NaN, -0.0, 1e300]));
        Point[] points = Enumerable.Range(0, 1000).Select(i => new Point { X = i, Y = -i }).ToArray();
        Assert.Equal(points, Client.EchoPoints(points));
        Padded[] paddeds = [new Padded { Tag = 1, Value = 2, Flag = true }, default];
        Assert.Equal(paddeds, Client.EchoPaddedArray(paddeds));
        Assert.Equal([true, false, true], Client.EchoBooleans([true, false, true]));
        Assert.Equal([Color.Black, Color.Blue], Client.EchoColors([Color.Black, Color.Blue]));
        Assert.Equal(large, Client.EchoMemory(large).ToArray());
        Assert.Equal([1, 2, 3], Client.EchoIntMemory(new[] { 1, 2, 3 }).ToArray());
        Assert.Equal(large, Client.CopySpan(large));
        Assert.Equal([2, -4, 0], Client.DoubleInPlace([1, -2, 0]));
        Assert.Equal("thumb: 5 bytes (first 9) to 64x32 visible in Blue", Client.Describe(new byte[] { 9, 1, 2, 3, 4 }, new Size(64, 32, true), "thumb", Color.Blue));
        Assert.Equal("empty: 0 bytes (first -1) to 0x0 hidden in Red", Client.Describe(ReadOnlyMemory<byte>.Empty, default, "empty", Color.Red));
        Assert.Equal("-8 -1600 320000 CAFE -1099511627776 nine 1,2,3,4 True 0.25", Client.Spread(-8, -1600, 320000, new byte[] { 0xCA, 0xFE }, -(1L << 40), "nine", Quad.Of(1, 2, 3, 4), true, 0.25));
    }

    [Fact]
    public void DefaultValues_ApplyThroughTheGeneratedClient()
    {
        IEverything.Client client = GeneratedClient;
        Assert.Equal("-3 Blue d\"q 0.25 1.5 -9223372036854775808", client.Defaults());
        Assert.Equal("1 Red x 0.5 2 0", client.Defaults(1, Color.Red, "x", 0.5, 2m, 0));
        Assert.Equal(3, client.Count(1, 2, 3));
        Assert.Equal(0, client.Count());
    }

    [Fact]
    public async Task MethodShapes_AllWork()
    {
        Client.Record(42);
        Assert.Equal(42, Client.LastRecorded());
        await Client.RecordAsync(43).WaitAsync(Timeout);
        Assert.Equal(43, Client.LastRecorded());
        Assert.Equal(5, await Client.AddAsync(2, 3).WaitAsync(Timeout));
        await Client.PingAsync();
        byte[] block = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        Assert.Equal(block.Sum(b => (long)b), await Client.SumAsync(block, CancellationToken.None));
        Assert.Equal(1, Client.Delay(1, CancellationToken.None));
        Assert.Equal(1, await Client.DelayAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task ServerExceptions_ArriveAsRemoteExceptions()
    {
        var error = Assert.Throws<ChannelRemoteException>(() => Client.Fail("bad argument"));
        Assert.Equal(typeof(ArgumentException).FullName, error.RemoteTypeName);
        Assert.Equal("bad argument", error.RemoteMessage);
        var asyncError = await Assert.ThrowsAsync<ChannelRemoteException>(() => Client.FailAsync("later"));
        Assert.Equal(typeof(InvalidOperationException).FullName, asyncError.RemoteTypeName);
    }

    [Fact]
    public async Task Cancellation_ReachesTheServer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.DelayAsync(60_000, cts.Token).AsTask().WaitAsync(Timeout));

        using var syncCts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.ThrowsAny<OperationCanceledException>(() => Client.Delay(60_000, syncCts.Token));

        Assert.Equal(3, Client.EchoInt32(3));
    }

    [Fact]
    public Task SyncCallWithATokenFromAContinuationOnTheReaderThread_DoesNotDeadlock() =>
        Task.Run(async () =>
        {
            // On the thread pool there is no synchronization context: the code after each await runs inline on
            // the client's reader thread, and the synchronous calls below are made from there.
            using var cts = new CancellationTokenSource();
            for (int i = 0; i < 20; i++)
            {
                int sum = await Client.AddAsync(i, 1);
                Assert.Equal(1, Client.Delay(1, cts.Token));
                Assert.Equal(sum, Client.EchoInt32(sum));
            }
        }).WaitAsync(Timeout);

    [Fact]
    public async Task MemoryArgumentOfAnAsyncMethod_SurvivesTheServerGoingAsync()
    {
        // SumAsync awaits before reading its block, while more requests arrive behind it.
        byte[] first = Enumerable.Repeat((byte)1, 50_000).ToArray();
        byte[] second = Enumerable.Repeat((byte)2, 50_000).ToArray();
        Task<long> a = Client.SumAsync(first, CancellationToken.None).AsTask();
        Task<long> b = Client.SumAsync(second, CancellationToken.None).AsTask();
        Assert.Equal(50_000, Client.EchoBytes(new byte[50_000]).Length);
        Assert.Equal(50_000, await a.WaitAsync(Timeout));
        Assert.Equal(100_000, await b.WaitAsync(Timeout));
    }
}

public sealed class InProcessEverythingTests(InProcessEverything channel) : EverythingTests, IClassFixture<InProcessEverything>
{
    protected override IEverything Client => channel.Client;
}

public sealed class ChildProcessEverythingTests(ChildProcessEverything channel) : EverythingTests, IClassFixture<ChildProcessEverything>
{
    protected override IEverything Client => channel.Client;
}
