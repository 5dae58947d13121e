using System;
using System.Runtime.InteropServices;
using SocketPairGen;

namespace Samples.Structs;

public enum Kind : byte
{
    None,
    Small = 3,
    Large = 200,
}

[Flags]
public enum Access
{
    None = 0,
    Read = 1,
    Write = 2,
}

/// <summary>No padding, every bit pattern valid.</summary>
public struct Vector
{
    public float X;
    public float Y;
}

/// <summary>Padding after the byte, a bool and an enum to check.</summary>
public struct Header
{
    public Kind Kind;
    public long Length;
    public bool IsLast;
}

/// <summary>A nested struct with padding, a decimal, a nullable and a flags enum.</summary>
public struct Envelope
{
    public Header Header;
    public decimal Amount;
    public int? Retries;
    public Access Access;
}

public unsafe struct Name16
{
    public fixed char Chars[16];
    public byte Length;
}

[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct Variant
{
    [FieldOffset(0)] public long AsLong;
    [FieldOffset(0)] public double AsDouble;
    [FieldOffset(8)] public bool IsDouble;
}

public readonly record struct Range(int Start, int Length, bool Inclusive);

/// <summary>User structs of every layout, alone, nullable, in tuples and in blocks.</summary>
[SocketPairChannel]
public partial interface IShapes
{
    Vector Scale(Vector value, float factor);

    Header Next(Header header);

    Envelope Wrap(in Envelope envelope);

    Name16 Rename(Name16 name);

    Variant Flip(Variant value);

    Range Shift(Range range, int by);

    Header? Maybe(Header? header);

    (Kind Kind, Vector Where) Locate((Kind Kind, Vector Where) target);

    Vector[] Normalize(Vector[] vectors);

    Header[] Sort(ReadOnlyMemory<Header> headers);

    Kind Classify(Access access);
}
