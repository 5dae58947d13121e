using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.TestContracts.Conformance;

/// <summary>
/// The server side of <see cref="IConformance"/>. What each method does is simple enough for the Python client to
/// compute the expected result itself (tests/conformance/README.md lists it).
/// </summary>
public sealed class ConformanceService : IConformance
{
    private static readonly Shade[] ShadeCycle = [Shade.Black, Shade.Red, Shade.Green, Shade.Blue];

    private int _stored;

    public bool Not(bool value) => !value;

    public (sbyte, byte, short, ushort, int, uint) EchoSmall(sbyte a, byte b, short c, ushort d, int e, uint f) => (a, b, c, d, e, f);

    public (long, ulong, nint, nuint) EchoWide(long a, ulong b, nint c, nuint d) => (a, b, c, d);

    public (float, double, Half, char) EchoReals(float a, double b, Half c, char d) => (a, b, c, d);

    public (Int128, UInt128, Guid, TimeSpan) EchoLarge(Int128 a, UInt128 b, Guid c, TimeSpan d) => (a, b, c, d);

    public decimal AddDecimal(decimal a, decimal b) => a + b;

    public DateTime AddTime(DateTime when, TimeSpan by) => when + by;

    public Shade NextShade(Shade shade) => ShadeCycle[(Array.IndexOf(ShadeCycle, shade) + 1) % ShadeCycle.Length];

    public Grade EchoGrade(Grade grade) => grade;

    public Rights Grant(Rights current, Rights added) => current | added;

    public int? Halve(int? value) => value / 2;

    public (int, Shade?)? EchoMaybePair((int, Shade?)? value) => value;

    public Vec2 Add(Vec2 a, Vec2 b) => new() { X = a.X + b.X, Y = a.Y + b.Y };

    public Reading Calibrate(Reading reading)
    {
        reading.Value++;
        reading.Valid = !reading.Valid;
        reading.Retries = (reading.Retries ?? 0) + 1;
        return reading;
    }

    public Packed EchoPacked(Packed value) => value;

    public Variant EchoVariant(Variant value) => value;

    public Reading? EchoMaybeReading(Reading? reading) => reading;

    public string Greet(string name) => $"Hello, {name}!";

    public string? Upper(string? text) => text?.ToUpperInvariant();

    public string Empty() => "";

    public byte[] Reverse(byte[] data)
    {
        byte[] reversed = (byte[])data.Clone();
        Array.Reverse(reversed);
        return reversed;
    }

    public int[]? EchoInts(int[]? values) => values;

    public Vec2[] Translate(Vec2[] points, Vec2 by) => [.. points.Select(p => Add(p, by))];

    public Reading[] EchoReadings(ReadOnlyMemory<Reading> readings) => readings.ToArray();

    public bool[] Invert(bool[] values) => [.. values.Select(v => !v)];

    public Shade[] EchoShades(Shade[] shades) => shades;

    public int?[] EchoMaybes(int?[] values) => values;

    public long Checksum(ReadOnlyMemory<byte> data)
    {
        long sum = 0;
        foreach (byte value in data.Span)
        {
            sum += value;
        }

        return sum;
    }

    // The argument points into the request's bytes, valid only during the call: copy what is returned.
    public ReadOnlyMemory<byte> EchoMemory(ReadOnlyMemory<byte> data) => data.ToArray();

    public int Sum(ReadOnlySpan<int> values)
    {
        int sum = 0;
        foreach (int value in values)
        {
            sum += value;
        }

        return sum;
    }

    public Memory<double> Scale(Memory<double> values, double factor)
    {
        double[] scaled = values.ToArray();
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] *= factor;
        }

        return scaled;
    }

    public int[] Negate(Span<int> values)
    {
        foreach (ref int value in values)
        {
            value = -value;
        }

        return values.ToArray();
    }

    public string Describe(ReadOnlyMemory<byte> pixels, Vec2 size, string label, Shade shade) =>
        $"{label}: {pixels.Length} bytes, {size.X}x{size.Y}, {shade}";

    public string Spread(sbyte a, short b, int c, ReadOnlyMemory<byte> d, long e, string f, Shade g, bool h, double i) =>
        FormattableString.Invariant($"{a} {b} {c} {Convert.ToHexString(d.Span)} {e} {f} {g} {h} {i}");

    public void Store(int value) => _stored = value;

    public int Load() => _stored;

    public async Task StoreAsync(int value)
    {
        await Task.Yield();
        _stored = value;
    }

    public async Task<int> LoadAsync()
    {
        await Task.Yield();
        return _stored;
    }

    public ValueTask PingAsync() => ValueTask.CompletedTask;

    public ValueTask<int> DoubleAsync(int value) => ValueTask.FromResult(value * 2);

    public void Fail(string message) => throw new ArgumentException(message);

    public async Task FailLaterAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public async ValueTask<int> WaitAsync(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
        return milliseconds;
    }

    public int Wait(int milliseconds, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne(milliseconds);
        cancellationToken.ThrowIfCancellationRequested();
        return milliseconds;
    }

    /// <summary>The file's bytes from its start, as UTF-8; the server owns the file and closes it.</summary>
    public string ReadAll(SafeFileHandle file)
    {
        using (file)
        {
            byte[] bytes = new byte[RandomAccess.GetLength(file)];
            int read = RandomAccess.Read(file, bytes, 0);
            return System.Text.Encoding.UTF8.GetString(bytes, 0, read);
        }
    }

    /// <summary>Null for null; else a new unlinked file holding the text, open for reading (closed here once sent).</summary>
    public SafeFileHandle? Write(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string path = Path.Combine(Path.GetTempPath(), "spg-conformance-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        try
        {
            return File.OpenHandle(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>How many files are not null; that count is also written, as 4 bytes, on the socket when there is one.
    /// Closes everything it received.</summary>
    public int Count(SafeFileHandle?[] files, Socket? socket)
    {
        int count = files.Count(file => file is not null);
        foreach (SafeFileHandle? file in files)
        {
            file?.Dispose();
        }

        using (socket)
        {
            socket?.Send(BitConverter.GetBytes(count));
        }

        return count;
    }

    /// <summary>A new channel of this contract, served here by a new instance.</summary>
    public ChannelEnd<IConformance> Open()
    {
        (ChannelEnd<IConformance> mine, ChannelEnd<IConformance> theirs) = ChannelEnd<IConformance>.CreatePair();
        _ = IConformance.ServeAsync(mine, new ConformanceService());
        return theirs;
    }
}
