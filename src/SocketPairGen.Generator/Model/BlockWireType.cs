namespace SocketPairGen.Generator.Model;

/// <summary>
/// A block of unmanaged elements: a 4-byte element count (-1 for a null array), then the elements. Elements that
/// are <see cref="BlittableWireType"/> go as one block copy (and, as a request's or reply's last block, straight
/// from the caller's memory); others are written and validated one by one.
/// </summary>
/// <param name="TypeName">The container type.</param>
/// <param name="Container">The container kind.</param>
/// <param name="Element">The element's wire type (fixed size).</param>
/// <param name="IsNullable">Whether the container may be null (arrays).</param>
internal sealed record BlockWireType(string TypeName, BlockContainer Container, WireType Element, bool IsNullable) : WireType(TypeName)
{
    public override int FixedSize => -1;

    /// <summary>Whether the elements travel as one block copy.</summary>
    public bool IsBlockCopy => Element is BlittableWireType;
}
