namespace SocketPairGen.Generator.Model;

/// <summary>
/// A handle whose descriptor rides with the frame (<c>SCM_RIGHTS</c>): the payload holds its 4-byte index among the
/// frame's descriptors, -1 for null. Never an element of a tuple, a nullable or a block: only a parameter, a result or
/// the element of a <see cref="DescriptorArrayWireType"/>.
/// </summary>
/// <param name="TypeName">The type as declared (with <c>?</c> when annotated nullable).</param>
/// <param name="HandleTypeName">The handle's class, fully qualified, without <c>?</c>.</param>
/// <param name="Kind">Which handle type it is.</param>
/// <param name="IsNullable">Whether null is a value (annotated, or declared where nullable annotations are off).</param>
/// <param name="ContractTypeName">For a channel end: the contract interface, fully qualified.</param>
/// <param name="ContractFingerprint">For a channel end: what the fingerprint says of the carried contract (its own
/// fingerprint in hexadecimal, or <c>cycle:Name</c> for a contract already being fingerprinted).</param>
internal sealed record DescriptorWireType(
    string TypeName,
    string HandleTypeName,
    DescriptorKind Kind,
    bool IsNullable,
    string? ContractTypeName,
    string? ContractFingerprint) : WireType(TypeName)
{
    public override int FixedSize => -1;
}
