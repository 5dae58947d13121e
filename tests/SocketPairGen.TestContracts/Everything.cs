using System.Runtime.InteropServices;

namespace SocketPairGen.TestContracts;

/// <summary>The server side of <see cref="IEverything"/>: echoes, with a little state and some delays.</summary>
public sealed class Everything : IEverything
{
    private int _lastRecorded;

    public sbyte EchoSByte(sbyte value) => value;
    public byte EchoByte(byte value) => value;
    public short EchoInt16(short value) => value;
    public ushort EchoUInt16(ushort value) => value;
    public int EchoInt32(int value) => value;
    public uint EchoUInt32(uint value) => value;
    public long EchoInt64(long value) => value;
    public ulong EchoUInt64(ulong value) => value;
    public float EchoSingle(float value) => value;
    public double EchoDouble(double value) => value;
    public char EchoChar(char value) => value;
    public nint EchoNInt(nint value) => value;
    public nuint EchoNUInt(nuint value) => value;
    public bool EchoBoolean(bool value) => value;
    public decimal EchoDecimal(decimal value) => value;
    public Guid EchoGuid(Guid value) => value;
    public DateTime EchoDateTime(DateTime value) => value;
    public TimeSpan EchoTimeSpan(TimeSpan value) => value;
    public Int128 EchoInt128(Int128 value) => value;
    public Half EchoHalf(Half value) => value;
    public Color EchoColor(Color value) => value;
    public Level EchoLevel(Level value) => value;
    public Permissions EchoPermissions(Permissions value) => value;
    public int? EchoNullableInt(int? value) => value;
    public Color? EchoNullableColor(Color? value) => value;
    public Optional EchoOptional(Optional value) => value;
    public Padded? EchoNullablePadded(Padded? value) => value;
    public (int Count, double Ratio, bool Done) EchoTuple((int Count, double Ratio, bool Done) value) => value;
    public (Color, Point?, long) EchoMixedTuple((Color, Point?, long) value) => value;
    public (int, long, short, byte, bool, char, double, Color, Guid) EchoLongTuple((int, long, short, byte, bool, char, double, Color, Guid) value) => value;
    public Point EchoPoint(Point value) => value;
    public Padded EchoPadded(Padded value) => value;
    public Nested EchoNested(Nested value) => value;
    public Quad EchoQuad(Quad value) => value;
    public Size EchoSize(Size value) => value;
    public SmallBuffer EchoSmallBuffer(SmallBuffer value) => value;
    public Union EchoUnion(Union value) => value;
    public PackedHeader EchoPackedHeader(in PackedHeader value) => value;
    public System.Numerics.Matrix3x2 EchoMatrix(System.Numerics.Matrix3x2 value) => value;
    public System.Numerics.Vector3 EchoVector(System.Numerics.Vector3 value) => value;
    public string EchoString(string value) => value;
    public string? EchoNullableString(string? value) => value;
    public byte[] EchoBytes(byte[] value) => value;
    public int[]? EchoNullableInts(int[]? value) => value;
    public double[] EchoDoubles(double[] value) => value;
    public Point[] EchoPoints(Point[] value) => value;
    public Padded[] EchoPaddedArray(Padded[] value) => value;
    public bool[] EchoBooleans(bool[] value) => value;
    public Color[] EchoColors(Color[] value) => value;

    // The argument points into the request's bytes, valid only during the call: copy what is returned.
    public ReadOnlyMemory<byte> EchoMemory(ReadOnlyMemory<byte> value) => value.ToArray();
    public Memory<int> EchoIntMemory(Memory<int> value) => value;
    public byte[] CopySpan(ReadOnlySpan<byte> value) => value.ToArray();

    public int[] DoubleInPlace(Span<int> value)
    {
        foreach (ref int item in value)
        {
            item *= 2;
        }

        return value.ToArray();
    }

    public string Describe(ReadOnlyMemory<byte> pixels, Size target, string label, Color color) =>
        $"{label}: {pixels.Length} bytes (first {(pixels.IsEmpty ? -1 : pixels.Span[0])}) to {target.Width}x{target.Height} {(target.Visible ? "visible" : "hidden")} in {color}";

    public string Spread(sbyte a, short b, int c, ReadOnlyMemory<byte> d, long e, string f, Quad g, bool h, double i) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a} {b} {c} {Convert.ToHexString(d.Span)} {e} {f} {g[0]},{g[1]},{g[2]},{g[3]} {h} {i}");

    public string Defaults(int number = -3, Color color = Color.Blue, string text = "d\"q", double ratio = 0.25, decimal amount = 1.5m, long big = long.MinValue) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{number} {color} {text} {ratio} {amount} {big}");

    public int Count(params int[] values) => values.Length;

    public void Record(int value) => _lastRecorded = value;
    public int LastRecorded() => _lastRecorded;

    public async Task RecordAsync(int value)
    {
        await Task.Yield();
        _lastRecorded = value;
    }

    public async Task<int> AddAsync(int a, int b)
    {
        await Task.Delay(1).ConfigureAwait(false);
        return a + b;
    }

    public ValueTask PingAsync() => ValueTask.CompletedTask;

    public async ValueTask<long> SumAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        // Goes asynchronous before reading its argument: the request's bytes must still be there.
        await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        long sum = 0;
        foreach (byte value in block.Span)
        {
            sum += value;
        }

        return sum;
    }

    public async ValueTask<int> DelayAsync(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
        return milliseconds;
    }

    public int Delay(int milliseconds, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne(milliseconds);
        cancellationToken.ThrowIfCancellationRequested();
        return milliseconds;
    }

    public void Fail(string message) => throw new ArgumentException(message);

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }
}
