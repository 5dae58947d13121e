namespace SocketPairGen.Generator.Model;

/// <summary>A field inside a struct whose bytes must be validated on arrival.</summary>
/// <param name="Offset">Where it starts in the struct.</param>
/// <param name="Path">The field's path, for error messages (<c>Header.IsKey</c>).</param>
/// <param name="Type">Its wire type: a <see cref="BooleanWireType"/>, <see cref="EnumWireType"/> or <see cref="ValidatedWireType"/>.</param>
/// <param name="ConditionOffset">For the value of a nullable field, the offset of its has-value byte: the check
/// applies only when that byte is 1 (an absent value's bytes mean nothing). -1 when unconditional.</param>
internal sealed record FieldCheck(int Offset, string Path, WireType Type, int ConditionOffset = -1);
