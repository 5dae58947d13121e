using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Parsing;

/// <summary>How generated code spells types: fully qualified, with nullable reference annotations.</summary>
internal static class TypeNames
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>int</c>, <c>global::Ns.Point</c>, <c>string?</c>, <c>global::System.ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    public static string Of(ITypeSymbol type) => type.ToDisplayString(Format);

    private static readonly SymbolDisplayFormat PlainFormat = SymbolDisplayFormat.CSharpErrorMessageFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The name without <c>global::</c>, without containing namespaces' aliases and without the <c>@</c> of
    /// keywords (<c>Ns.Outer.IFoo</c>, <c>event.class</c>): a name for the wire, messages and file names.</summary>
    public static string Plain(ITypeSymbol type) => type.ToDisplayString(PlainFormat);

    /// <summary>An identifier as C# source: <c>@class</c> for keywords.</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
        || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) is Microsoft.CodeAnalysis.CSharp.SyntaxKind.ScopedKeyword
            ? "@" + name
            : name;
}
