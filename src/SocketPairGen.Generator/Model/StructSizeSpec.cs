namespace SocketPairGen.Generator.Model;

/// <summary>A user struct that travels as its bytes and the size the generator computed for it, checked against
/// the runtime's at start-up.</summary>
internal sealed record StructSizeSpec(string TypeName, int Size);
