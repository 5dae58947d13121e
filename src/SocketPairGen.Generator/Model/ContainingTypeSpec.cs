namespace SocketPairGen.Generator.Model;

/// <summary>A type that contains the contract interface: its declaration keyword (<c>class</c>,
/// <c>record struct</c>, …) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
