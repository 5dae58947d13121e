namespace SocketPairGen.Generator.Model;

/// <summary>
/// An unmanaged user struct sent as its bytes, in its memory layout as computed at compile time. The sender
/// clears the padding; the receiver validates the fields that need it (bool, enums, decimal, DateTime,
/// nullable flags) at their offsets. At start-up the generated code checks that the runtime's size of the struct
/// is the computed one.
/// </summary>
/// <param name="TypeName">The struct.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Padding">The byte ranges no field covers.</param>
/// <param name="Checks">The fields to validate on arrival.</param>
/// <param name="Layout">The layout in words (every field's name, type, offset and size, recursively), for the fingerprint.</param>
internal sealed record StructWireType(string TypeName, int Size, EquatableArray<ByteRange> Padding, EquatableArray<FieldCheck> Checks, string Layout)
    : WireType(TypeName)
{
    public override int FixedSize => Size;
}
