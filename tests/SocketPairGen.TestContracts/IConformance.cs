using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.TestContracts.Conformance;

/// <summary>
/// The contract the independent Python client (tests/conformance) calls: every wire type family and method shape,
/// each method doing something the client can check from the specification alone (<see cref="ConformanceService"/>).
/// </summary>
[SocketPairChannel]
public partial interface IConformance
{
    // Scalars.
    bool Not(bool value);
    (sbyte, byte, short, ushort, int, uint) EchoSmall(sbyte a, byte b, short c, ushort d, int e, uint f);
    (long, ulong, nint, nuint) EchoWide(long a, ulong b, nint c, nuint d);
    (float, double, Half, char) EchoReals(float a, double b, Half c, char d);
    (Int128, UInt128, Guid, TimeSpan) EchoLarge(Int128 a, UInt128 b, Guid c, TimeSpan d);
    decimal AddDecimal(decimal a, decimal b);
    DateTime AddTime(DateTime when, TimeSpan by);

    // Enums.
    Shade NextShade(Shade shade);
    Grade EchoGrade(Grade grade);
    Rights Grant(Rights current, Rights added);

    // Nullables and tuples.
    int? Halve(int? value);
    (int, Shade?)? EchoMaybePair((int, Shade?)? value);

    // User structs.
    Vec2 Add(Vec2 a, Vec2 b);
    Reading Calibrate(Reading reading);
    Packed EchoPacked(Packed value);
    Variant EchoVariant(Variant value);
    Reading? EchoMaybeReading(Reading? reading);

    // Strings.
    string Greet(string name);
    string? Upper(string? text);
    string Empty();

    // Blocks.
    byte[] Reverse(byte[] data);
    int[]? EchoInts(int[]? values);
    Vec2[] Translate(Vec2[] points, Vec2 by);
    Reading[] EchoReadings(ReadOnlyMemory<Reading> readings);
    bool[] Invert(bool[] values);
    Shade[] EchoShades(Shade[] shades);
    int?[] EchoMaybes(int?[] values);
    long Checksum(ReadOnlyMemory<byte> data);
    ReadOnlyMemory<byte> EchoMemory(ReadOnlyMemory<byte> data);
    int Sum(ReadOnlySpan<int> values);
    Memory<double> Scale(Memory<double> values, double factor);
    int[] Negate(Span<int> values);

    // Several parameters; the block goes last on the wire.
    string Describe(ReadOnlyMemory<byte> pixels, Vec2 size, string label, Shade shade);

    // More parameters than one request type holds (seven), the block in the middle: still last on the wire.
    string Spread(sbyte a, short b, int c, ReadOnlyMemory<byte> d, long e, string f, Shade g, bool h, double i);

    // Method shapes.
    void Store(int value);
    int Load();
    Task StoreAsync(int value);
    Task<int> LoadAsync();
    ValueTask PingAsync();
    ValueTask<int> DoubleAsync(int value);

    // Handles (descriptors passed with the frame).
    string ReadAll(SafeFileHandle file);
    SafeFileHandle? Write(string? text);
    int Count([MaxDescriptors(4)] SafeFileHandle?[] files, Socket? socket);
    ChannelEnd<IConformance> Open();

    // Errors and cancellation.
    void Fail(string message);
    Task FailLaterAsync(string message);
    ValueTask<int> WaitAsync(int milliseconds, CancellationToken cancellationToken);
    int Wait(int milliseconds, CancellationToken cancellationToken);
}
