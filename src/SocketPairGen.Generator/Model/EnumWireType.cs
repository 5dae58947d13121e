namespace SocketPairGen.Generator.Model;

/// <summary>An enum: its underlying integer. Unless it is <c>[Flags]</c>, only defined values are accepted.</summary>
/// <param name="TypeName">The enum type.</param>
/// <param name="UnderlyingTypeName">Its underlying integer type (<c>int</c>, <c>byte</c>, …).</param>
/// <param name="Size">The underlying type's size.</param>
/// <param name="IsFlags">Whether it is a <c>[Flags]</c> enum (any value accepted).</param>
/// <param name="DefinedValues">The distinct defined values as C# literals, in ascending order.</param>
/// <param name="Layout">The enum in the fingerprint's canonical encoding (underlying type, flags, every member's name
/// and value).</param>
internal sealed record EnumWireType(string TypeName, string UnderlyingTypeName, int Size, bool IsFlags, EquatableArray<string> DefinedValues, string Layout)
    : WireType(TypeName)
{
    public override int FixedSize => Size;
}
