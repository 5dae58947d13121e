using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>What the declaration of a source method says about it being a P/Invoke.</summary>
internal enum InteropReading
{
    /// <summary>The syntax does not settle it (a method from metadata, a constant library name, an alias): ask the symbol.</summary>
    Unknown,

    /// <summary>Neither <c>extern</c> nor <c>partial</c>: it cannot be a P/Invoke.</summary>
    NotInterop,

    /// <summary>A <c>[DllImport]</c> or <c>[LibraryImport]</c> written with literals: library and entry point are known.</summary>
    Known,
}

/// <summary>
/// Reads <c>[DllImport("libc", EntryPoint = "open")]</c> and <c>[LibraryImport(...)]</c> from a source method's
/// declaration. Asking the symbol (<c>GetDllImportData</c>, <c>GetAttributes</c>) binds the attributes of every method
/// the rules meet; in the IDE that is work for declarations in files nobody opened. The syntax answers for the
/// common spellings and says <see cref="InteropReading.Unknown"/> for everything else.
/// </summary>
internal static class InteropSyntax
{
    public static InteropReading Read(IMethodSymbol method, out string? library, out string? entryPoint)
    {
        library = null;
        entryPoint = null;
        if (method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return InteropReading.Unknown;
        }

        string attributeName;
        if (declaration.Modifiers.Any(SyntaxKind.ExternKeyword))
        {
            attributeName = "DllImport";
        }
        else if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && declaration.Body is null && declaration.ExpressionBody is null)
        {
            attributeName = "LibraryImport";
        }
        else
        {
            return InteropReading.NotInterop;
        }

        foreach (AttributeListSyntax list in declaration.AttributeLists)
        {
            if (list.Target is { } target && !target.Identifier.IsKind(SyntaxKind.MethodKeyword))
            {
                continue;
            }

            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (SimpleName(attribute.Name) is not { } name || (name != attributeName && name != attributeName + "Attribute"))
                {
                    continue;
                }

                return ReadArguments(attribute, out library, out entryPoint);
            }
        }

        // Spelled some other way (an alias), or a partial method that is no P/Invoke: the symbol knows.
        return InteropReading.Unknown;
    }

    private static InteropReading ReadArguments(AttributeSyntax attribute, out string? library, out string? entryPoint)
    {
        library = null;
        entryPoint = null;
        if (attribute.ArgumentList is not { } arguments)
        {
            return InteropReading.Unknown;
        }

        foreach (AttributeArgumentSyntax argument in arguments.Arguments)
        {
            string? literal = argument.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } text
                ? text.Token.ValueText
                : null;
            if (argument.NameEquals is null && argument.NameColon is null && library is null)
            {
                library = literal;
                if (literal is null)
                {
                    return InteropReading.Unknown;
                }
            }
            else if (argument.NameEquals?.Name.Identifier.ValueText == "EntryPoint")
            {
                entryPoint = literal;
                if (literal is null)
                {
                    return InteropReading.Unknown;
                }
            }
            else if (argument.NameEquals is null)
            {
                return InteropReading.Unknown; // a named-colon or second positional argument: not a form we read
            }
        }

        return library is null ? InteropReading.Unknown : InteropReading.Known;
    }

    private static string? SimpleName(NameSyntax name) => name switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
