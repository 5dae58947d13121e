namespace SocketPairGen.Generator.Model;

/// <summary>What holds a block of unmanaged elements.</summary>
internal enum BlockContainer
{
    /// <summary><c>T[]</c></summary>
    Array,

    /// <summary><c>ReadOnlyMemory&lt;T&gt;</c></summary>
    ReadOnlyMemory,

    /// <summary><c>Memory&lt;T&gt;</c></summary>
    Memory,

    /// <summary><c>ReadOnlySpan&lt;T&gt;</c></summary>
    ReadOnlySpan,

    /// <summary><c>Span&lt;T&gt;</c></summary>
    Span,
}
