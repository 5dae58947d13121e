namespace SocketPairGen.Generator.Model;

/// <summary>A value whose every bit pattern is valid and which has no padding: its bytes are the wire form
/// (integers, floating point, <c>char</c>, <c>nint</c>, <c>Guid</c>, <c>TimeSpan</c>, padding-free structs of these).</summary>
internal sealed record BlittableWireType(string TypeName, int Size) : WireType(TypeName)
{
    public override int FixedSize => Size;
}
