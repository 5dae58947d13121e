using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocketPairGen.TestContracts;

/// <summary>An enum with a negative value and gaps.</summary>
public enum Color
{
    Black = -1,
    Red = 1,
    Green = 2,
    Blue = 40,
}

/// <summary>A byte-sized enum.</summary>
public enum Level : byte
{
    Low,
    High = 200,
}

/// <summary>A flags enum: any combination is valid.</summary>
[Flags]
public enum Permissions : long
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 1L << 40,
}

/// <summary>No padding, every bit pattern valid: travels as plain bytes.</summary>
public struct Point
{
    public int X;
    public int Y;
}

/// <summary>Padding after <see cref="Tag"/> and after <see cref="Flag"/>; a bool to validate.</summary>
public struct Padded
{
    public byte Tag;
    public long Value;
    public bool Flag;
}

/// <summary>Nested structs, an enum, a decimal, a DateTime and a nullable inside.</summary>
public struct Nested
{
    public Padded Inner;
    public Color Color;
    public decimal Amount;
    public DateTime When;
    public int? Maybe;
    public Point Where;
}

/// <summary>A positional record struct: its fields are compiler-generated backing fields.</summary>
public readonly record struct Size(int Width, int Height, bool Visible);

/// <summary>An inline array: the compiler declares one field, the runtime repeats it four times.</summary>
[InlineArray(4)]
public struct Quad
{
    private int _element;

    // Element access through the runtime, not the C# 12 syntax: the language-version tests compile this file as
    // C# 10, and the projects that reference this assembly could not index it (CS0021).
    public static Quad Of(int first, int second, int third, int fourth)
    {
        var quad = default(Quad);
        Span<int> elements = MemoryMarshal.CreateSpan(ref Unsafe.As<Quad, int>(ref quad), 4);
        (elements[0], elements[1], elements[2], elements[3]) = (first, second, third, fourth);
        return quad;
    }

    public int[] ToArray() => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Quad, int>(ref this), 4).ToArray();
}

/// <summary>A fixed buffer and a length.</summary>
public unsafe struct SmallBuffer
{
    public fixed byte Data[6];
    public short Length;
}

/// <summary>An explicit layout with a union and a gap.</summary>
[StructLayout(LayoutKind.Explicit)]
public struct Union
{
    [FieldOffset(0)]
    public int AsInt;

    [FieldOffset(0)]
    public float AsFloat;

    [FieldOffset(8)]
    public short Tail;
}

/// <summary>Packed: no padding between the byte and the int.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct PackedHeader
{
    public byte Kind;
    public int Length;
    public bool Final;
}

/// <summary>A nullable enum field whose enum has no zero value: an absent value's bytes must not be validated.</summary>
public struct Optional
{
    public Color? Tint;
    public int Id;
}
