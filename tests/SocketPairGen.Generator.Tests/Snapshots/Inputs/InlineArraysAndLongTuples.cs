using System;
using System.Runtime.CompilerServices;
using SocketPairGen;

namespace Samples.Long;

/// <summary>Four ints: the compiler declares one field, the runtime repeats it.</summary>
[InlineArray(4)]
public struct Four
{
    private int _element;
}

/// <summary>Three flags, each element checked.</summary>
[InlineArray(3)]
public struct Flags
{
    private bool _element;
}

/// <summary>An inline array inside a struct.</summary>
public struct Holder
{
    public byte Tag;
    public Four Values;
}

/// <summary>Inline arrays, tuples past seven elements and a method of more parameters than one request type holds.</summary>
[SocketPairChannel]
public partial interface ILong
{
    Four Twice(Four values, Flags flags);

    Holder[] Hold(ReadOnlyMemory<Holder> holders);

    (int, int, int, int, int, int, int, bool) Eight((byte, short, int, long, float, double, char, Guid, Flags) nine);

    string Spread(sbyte a, short b, int c, ReadOnlySpan<byte> d, long e, string f, Four g, bool h, double i);
}
