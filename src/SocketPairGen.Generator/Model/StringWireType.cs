namespace SocketPairGen.Generator.Model;

/// <summary>A string: a 4-byte UTF-8 length (-1 for null), then the UTF-8 bytes, validated on arrival.</summary>
internal sealed record StringWireType(string TypeName, bool IsNullable) : WireType(TypeName)
{
    public override int FixedSize => -1;
}
