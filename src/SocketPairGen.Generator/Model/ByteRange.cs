namespace SocketPairGen.Generator.Model;

/// <summary>A run of bytes inside a struct.</summary>
internal sealed record ByteRange(int Offset, int Length);
