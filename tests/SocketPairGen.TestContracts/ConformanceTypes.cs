using System.Runtime.InteropServices;

namespace SocketPairGen.TestContracts.Conformance;

// The wire types of IConformance. tests/conformance/contract.py describes each one by hand, from WIRE-FORMAT.md: a
// change here is a change of the conformance contract's fingerprint, and the Python description must follow.

/// <summary>An int enum with a negative value and gaps.</summary>
public enum Shade
{
    Black = -1,
    Red = 1,
    Green = 2,
    Blue = 40,
}

/// <summary>A byte enum.</summary>
public enum Grade : byte
{
    Low,
    High = 200,
}

/// <summary>A flags enum over a long: any value is valid.</summary>
[Flags]
public enum Rights : long
{
    None = 0,
    Read = 1,
    Write = 2,
    Admin = 1L << 40,
}

/// <summary>No padding, every bit pattern valid: one block copy.</summary>
public struct Vec2
{
    public int X;
    public int Y;
}

/// <summary>Padding, a bool, an enum, a decimal, a DateTime, a nullable, a nested struct and a fixed buffer.</summary>
public unsafe struct Reading
{
    public byte Tag;
    public long Value;
    public bool Valid;
    public Shade Shade;
    public decimal Amount;
    public DateTime When;
    public int? Retries;
    public Vec2 Where;
    public fixed byte Code[3];
}

/// <summary>Packed: no padding between the byte and the int; a bool to validate.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct Packed
{
    public byte Kind;
    public int Length;
    public bool Final;
}

/// <summary>An explicit layout: a union of a long and a double, a bool, and padding up to its declared size.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct Variant
{
    [FieldOffset(0)]
    public long AsLong;

    [FieldOffset(0)]
    public double AsDouble;

    [FieldOffset(8)]
    public bool IsDouble;
}
