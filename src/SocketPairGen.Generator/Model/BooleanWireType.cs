namespace SocketPairGen.Generator.Model;

/// <summary>A <c>bool</c>: one byte, 0 or 1 on arrival.</summary>
internal sealed record BooleanWireType() : WireType("bool")
{
    public override int FixedSize => 1;
}
