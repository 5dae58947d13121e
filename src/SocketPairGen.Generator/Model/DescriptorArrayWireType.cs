namespace SocketPairGen.Generator.Model;

/// <summary>
/// An array of handles: a 4-byte element count (-1 for null), then each element as a <see cref="DescriptorWireType"/>.
/// It holds at most <see cref="Maximum"/> descriptors, as its parameter or result declares with <c>[MaxDescriptors]</c>.
/// </summary>
/// <param name="TypeName">The array type as declared.</param>
/// <param name="Element">The element's wire type.</param>
/// <param name="IsNullable">Whether the array may be null.</param>
/// <param name="Maximum">The declared maximum (0 until the parser reads the attribute).</param>
internal sealed record DescriptorArrayWireType(string TypeName, DescriptorWireType Element, bool IsNullable, int Maximum) : WireType(TypeName)
{
    public override int FixedSize => -1;
}
