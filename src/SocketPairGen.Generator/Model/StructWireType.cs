namespace SocketPairGen.Generator.Model;

/// <summary>
/// An unmanaged user struct sent as its bytes, in its memory layout as computed at compile time. The sender
/// clears the padding and the value bytes of absent nullable fields; the receiver validates the fields that need it
/// (bool, enums, decimal, DateTime, nullable flags, absent values) at their offsets. At start-up the generated code
/// checks that the runtime's size of the struct and the offsets of its fields are the computed ones.
/// </summary>
/// <param name="TypeName">The struct.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Padding">The byte ranges no field covers.</param>
/// <param name="Checks">The fields to validate on arrival.</param>
/// <param name="Layout">The struct in the fingerprint's canonical encoding: its size and every field's name, offset, size
/// and type, recursively.</param>
internal sealed record StructWireType(string TypeName, int Size, EquatableArray<ByteRange> Padding, EquatableArray<FieldCheck> Checks, string Layout)
    : WireType(TypeName)
{
    public override int FixedSize => Size;

    /// <summary>The nullable fields, whose value bytes must be zeros when they have no value (<see cref="Layout"/>
    /// describes them too).</summary>
    internal EquatableArray<NullableField> NullableFields { get; init; } = EquatableArray<NullableField>.Empty;
}
