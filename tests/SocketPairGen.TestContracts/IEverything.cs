namespace SocketPairGen.TestContracts;

/// <summary>Every supported type and method shape, each method echoing what it gets (the tests compare).</summary>
[SocketPairChannel]
public partial interface IEverything
{
    // Primitives and the special values.
    sbyte EchoSByte(sbyte value);
    byte EchoByte(byte value);
    short EchoInt16(short value);
    ushort EchoUInt16(ushort value);
    int EchoInt32(int value);
    uint EchoUInt32(uint value);
    long EchoInt64(long value);
    ulong EchoUInt64(ulong value);
    float EchoSingle(float value);
    double EchoDouble(double value);
    char EchoChar(char value);
    nint EchoNInt(nint value);
    nuint EchoNUInt(nuint value);
    bool EchoBoolean(bool value);
    decimal EchoDecimal(decimal value);
    Guid EchoGuid(Guid value);
    DateTime EchoDateTime(DateTime value);
    TimeSpan EchoTimeSpan(TimeSpan value);
    Int128 EchoInt128(Int128 value);
    Half EchoHalf(Half value);

    // Enums, nullables, tuples.
    Color EchoColor(Color value);
    Level EchoLevel(Level value);
    Permissions EchoPermissions(Permissions value);
    int? EchoNullableInt(int? value);
    Color? EchoNullableColor(Color? value);
    Optional EchoOptional(Optional value);
    Padded? EchoNullablePadded(Padded? value);
    (int Count, double Ratio, bool Done) EchoTuple((int Count, double Ratio, bool Done) value);
    (Color, Point?, long) EchoMixedTuple((Color, Point?, long) value);
    (int, long, short, byte, bool, char, double, Color, Guid) EchoLongTuple((int, long, short, byte, bool, char, double, Color, Guid) value);

    // User structs.
    Point EchoPoint(Point value);
    Padded EchoPadded(Padded value);
    Nested EchoNested(Nested value);
    Size EchoSize(Size value);
    SmallBuffer EchoSmallBuffer(SmallBuffer value);
    Quad EchoQuad(Quad value);
    Union EchoUnion(Union value);
    PackedHeader EchoPackedHeader(in PackedHeader value);

    // Structs from a referenced assembly.
    System.Numerics.Vector3 EchoVector(System.Numerics.Vector3 value);
    System.Numerics.Matrix3x2 EchoMatrix(System.Numerics.Matrix3x2 value);

    // Strings and blocks.
    string EchoString(string value);
    string? EchoNullableString(string? value);
    byte[] EchoBytes(byte[] value);
    int[]? EchoNullableInts(int[]? value);
    double[] EchoDoubles(double[] value);
    Point[] EchoPoints(Point[] value);
    Padded[] EchoPaddedArray(Padded[] value);
    bool[] EchoBooleans(bool[] value);
    Color[] EchoColors(Color[] value);
    ReadOnlyMemory<byte> EchoMemory(ReadOnlyMemory<byte> value);
    Memory<int> EchoIntMemory(Memory<int> value);
    byte[] CopySpan(ReadOnlySpan<byte> value);
    int[] DoubleInPlace(Span<int> value);

    // Several arguments, the block first (it goes last on the wire, as the trailer).
    string Describe(ReadOnlyMemory<byte> pixels, Size target, string label, Color color);

    // More arguments than one request type holds (seven), the block in the middle: still last on the wire.
    string Spread(sbyte a, short b, int c, ReadOnlyMemory<byte> d, long e, string f, Quad g, bool h, double i);

    // Default values carry over to the proxy.
    string Defaults(int number = -3, Color color = Color.Blue, string text = "d\"q", double ratio = 0.25, decimal amount = 1.5m, long big = long.MinValue);

    // A params array stays one on the proxy.
    int Count(params int[] values);

    // Method shapes.
    void Record(int value);
    int LastRecorded();
    Task RecordAsync(int value);
    Task<int> AddAsync(int a, int b);
    ValueTask PingAsync();
    ValueTask<long> SumAsync(ReadOnlyMemory<byte> block, CancellationToken cancellationToken);
    ValueTask<int> DelayAsync(int milliseconds, CancellationToken cancellationToken);
    int Delay(int milliseconds, CancellationToken cancellationToken);
    void Fail(string message);
    Task FailAsync(string message);
}
