using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Parsing;

/// <summary>How generated code spells types: fully qualified, with nullable reference annotations.</summary>
internal static class TypeNames
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>int</c>, <c>global::Ns.Point</c>, <c>string?</c>, <c>global::System.ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    public static string Of(ITypeSymbol type) => type.ToDisplayString(Format);

    /// <summary>The name without <c>global::</c> and without containing namespaces' aliases (<c>Ns.Outer.IFoo</c>).</summary>
    public static string Plain(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    /// <summary>An identifier as C# source: <c>@class</c> for keywords.</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
        || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) is Microsoft.CodeAnalysis.CSharp.SyntaxKind.ScopedKeyword
            ? "@" + name
            : name;
}
