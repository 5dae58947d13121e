namespace SocketPairGen.Generator.Model;

/// <summary>A value sent as its bytes whose bit patterns are not all valid (<c>decimal</c>, <c>DateTime</c>):
/// the reader checks them with the runtime's own validation.</summary>
/// <param name="TypeName">The type.</param>
/// <param name="Size">Its size.</param>
/// <param name="ReadMethod">The <c>WireReader</c> method that reads and validates it.</param>
/// <param name="Layout">Its name in the fingerprint's canonical encoding (<c>decimal</c>, <c>datetime</c>).</param>
internal sealed record ValidatedWireType(string TypeName, int Size, string ReadMethod, string Layout) : WireType(TypeName)
{
    public override int FixedSize => Size;
}
