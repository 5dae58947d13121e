namespace SocketPairGen.Generator.Model;

/// <summary>A value whose every bit pattern is valid and which has no padding: its bytes are the wire form
/// (integers, floating point, <c>char</c>, <c>nint</c>, <c>Guid</c>, <c>TimeSpan</c>, padding-free structs of these).</summary>
/// <param name="TypeName">The type.</param>
/// <param name="Size">Its size.</param>
/// <param name="Layout">The value in the fingerprint's canonical encoding: a scalar's name (<c>i32</c>), or a user
/// struct's size and fields (<c>struct(8){X@0+4:i32,Y@4+4:i32}</c>).</param>
internal sealed record BlittableWireType(string TypeName, int Size, string Layout) : WireType(TypeName)
{
    public override int FixedSize => Size;
}
