namespace SocketPairGen.Generator.Model;

/// <summary>A value whose every bit pattern is valid and which has no padding: its bytes are the wire form
/// (integers, floating point, <c>char</c>, <c>nint</c>, <c>Guid</c>, <c>TimeSpan</c>, padding-free structs of these).</summary>
/// <param name="TypeName">The type.</param>
/// <param name="Size">Its size.</param>
/// <param name="Layout">For a user struct, its layout in words (fields, types, offsets) for the fingerprint; else the type name.</param>
internal sealed record BlittableWireType(string TypeName, int Size, string Layout) : WireType(TypeName)
{
    public override int FixedSize => Size;
}
