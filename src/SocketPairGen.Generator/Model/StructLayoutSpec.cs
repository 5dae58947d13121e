namespace SocketPairGen.Generator.Model;

/// <summary>A user struct that travels as its bytes, with the size and field offsets the generator computed for it,
/// checked against the runtime's at start-up.</summary>
/// <param name="TypeName">The struct.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Fields">Its fields that generated code can reach (every one but fixed-size buffers and fields of
/// types it cannot name), in declaration order.</param>
internal sealed record StructLayoutSpec(string TypeName, int Size, EquatableArray<FieldOffsetSpec> Fields);
