namespace SocketPairGen.Generator.Model;

/// <summary>A <c>Nullable&lt;T&gt;</c>: a has-value byte (0 or 1), then the value (its default when absent), so
/// the size stays fixed.</summary>
internal sealed record NullableWireType(string TypeName, WireType Value) : WireType(TypeName)
{
    public override int FixedSize => 1 + Value.FixedSize;
}
