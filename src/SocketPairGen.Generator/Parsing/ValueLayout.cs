using System.Collections.Generic;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// The memory layout of a fixed-size value as the runtime lays it out (x64 and arm64): size, alignment, the
/// bytes no field covers, the fields to validate, the nullable fields, and its memory type in the fingerprint's
/// canonical encoding (<see cref="CanonicalEncoding"/>).
/// Parser-only.
/// </summary>
internal sealed class ValueLayout
{
    public ValueLayout(int size, int alignment, WireType wireType, string description)
    {
        Size = size;
        Alignment = alignment;
        WireType = wireType;
        Description = description;
    }

    public int Size { get; }

    public int Alignment { get; }

    /// <summary>How the value travels on its own (as a parameter or a result).</summary>
    public WireType WireType { get; }

    /// <summary>The value's memory type in the fingerprint's canonical encoding (<c>i32</c>, <c>struct(8){…}</c>).</summary>
    public string Description { get; }

    public List<ByteRange> Padding { get; } = [];

    public List<FieldCheck> Checks { get; } = [];

    /// <summary>Nullable values inside this one, whose value bytes are zeros when absent.</summary>
    public List<NullableField> NullableFields { get; } = [];

    /// <summary>A primitive-like value: every bit pattern valid, no padding.</summary>
    /// <param name="typeName">The type, as generated code names it.</param>
    /// <param name="scalar">Its name in the canonical encoding (<see cref="CanonicalEncoding.Scalars"/>).</param>
    /// <param name="size">Its size.</param>
    /// <param name="alignment">Its alignment.</param>
    public static ValueLayout Blittable(string typeName, string scalar, int size, int alignment) =>
        new(size, alignment, new BlittableWireType(typeName, size, scalar), scalar);

    /// <summary>A value whose own bytes need a check (bool, enum, decimal, DateTime).</summary>
    public static ValueLayout Checked(WireType wireType, int size, int alignment, string description)
    {
        var layout = new ValueLayout(size, alignment, wireType, description);
        layout.Checks.Add(new FieldCheck(0, "", wireType));
        return layout;
    }
}
