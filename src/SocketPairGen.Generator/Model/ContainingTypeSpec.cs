namespace SocketPairGen.Generator.Model;

/// <summary>A type that contains the contract interface: its declaration keyword (<c>class</c>,
/// <c>record struct</c>, …) and name as source spells it (<c>@class</c> for a keyword).</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
