using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Evaluates the constant expression a member is declared with, from its syntax: an analyzer may not ask for the
/// semantic model of another file. Literals, parentheses, casts, unary and binary integer operators, and names of
/// other constant members; a name is resolved as the compiler would resolve it in that declaration (the member's
/// containing types and their bases, then <c>using static</c> types; a qualified name through nested types, the
/// namespaces around the declaration, <c>using</c> namespaces and aliases). A name that resolves to nothing, or to
/// more than one thing, makes the whole expression unknown.
/// </summary>
internal static class ConstantSyntax
{
    /// <summary>The value of a plain numeric literal (in parentheses or not), read from its text; null for anything else.</summary>
    public static long? Literal(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) => ConstantValues.ToInt64(literal.Token.Value),
        ParenthesizedExpressionSyntax parenthesized => Literal(parenthesized.Expression),
        _ => null,
    };

    public static FoldedValue? Evaluate(ExpressionSyntax expression, ISymbol declaredIn, Compilation compilation, int depth)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return ConstantValues.ToInt64(literal.Token.Value) is long value ? FoldedValue.Honest(value) : null;
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, declaredIn, compilation, depth);
            case CheckedExpressionSyntax @checked:
                return Evaluate(@checked.Expression, declaredIn, compilation, depth);
            case CastExpressionSyntax cast:
                return Evaluate(cast.Expression, declaredIn, compilation, depth) is { } operand ? Convert(operand, cast.Type) : null;
            case PrefixUnaryExpressionSyntax unary:
                return Evaluate(unary.Operand, declaredIn, compilation, depth) is { } inner ? Unary(unary.Kind(), inner) : null;
            case BinaryExpressionSyntax binary:
                return Evaluate(binary.Left, declaredIn, compilation, depth) is { } left
                    && Evaluate(binary.Right, declaredIn, compilation, depth) is { } right
                    ? Binary(binary.Kind(), left, right)
                    : null;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax or QualifiedNameSyntax:
                return ResolveMember(expression, declaredIn, compilation) is { } member
                    ? ConstantMembers.ValueOf(member, compilation, depth)
                    : null;
            default:
                return null;
        }
    }

    private static FoldedValue? Unary(SyntaxKind kind, FoldedValue operand) => kind switch
    {
        SyntaxKind.UnaryPlusExpression => operand,
        SyntaxKind.UnaryMinusExpression => operand.Derive(unchecked(-operand.Value)),
        SyntaxKind.BitwiseNotExpression => operand.Derive(~operand.Value),
        _ => null,
    };

    private static FoldedValue? Binary(SyntaxKind kind, FoldedValue left, FoldedValue right) => kind switch
    {
        SyntaxKind.BitwiseOrExpression => left.Or(right),
        SyntaxKind.BitwiseAndExpression => left.Derive(left.Value & right.Value, right),
        SyntaxKind.ExclusiveOrExpression => left.Derive(left.Value ^ right.Value, right),
        SyntaxKind.AddExpression => left.Derive(unchecked(left.Value + right.Value), right),
        SyntaxKind.SubtractExpression => left.Derive(unchecked(left.Value - right.Value), right),
        SyntaxKind.MultiplyExpression => left.Derive(unchecked(left.Value * right.Value), right),
        SyntaxKind.LeftShiftExpression when right.Value is >= 0 and < 64 => left.Derive(left.Value << (int)right.Value, right),
        SyntaxKind.RightShiftExpression when right.Value is >= 0 and < 64 => left.Derive(left.Value >> (int)right.Value, right),
        _ => null,
    };

    /// <summary>A cast to a predefined integer type keeps the bits that type holds; any other cast (an enum) keeps the value.</summary>
    private static FoldedValue Convert(FoldedValue operand, TypeSyntax type)
    {
        long value = operand.Value;
        long converted = type is PredefinedTypeSyntax predefined
            ? predefined.Keyword.Kind() switch
            {
                SyntaxKind.ByteKeyword => unchecked((byte)value),
                SyntaxKind.SByteKeyword => unchecked((sbyte)value),
                SyntaxKind.ShortKeyword => unchecked((short)value),
                SyntaxKind.UShortKeyword => unchecked((ushort)value),
                SyntaxKind.IntKeyword => unchecked((int)value),
                SyntaxKind.UIntKeyword => unchecked((uint)value),
                _ => value,
            }
            : value;
        return converted == value ? operand : operand.Derive(converted);
    }

    /// <summary>The field or property a name in <paramref name="declaredIn"/>'s declaration stands for, or null when it is not exactly one.</summary>
    private static ISymbol? ResolveMember(ExpressionSyntax name, ISymbol declaredIn, Compilation compilation)
    {
        switch (name)
        {
            case IdentifierNameSyntax identifier:
                string text = identifier.Identifier.ValueText;
                for (INamedTypeSymbol? type = declaredIn.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (MemberOf(type, text, withBases: true) is { } found)
                    {
                        return found;
                    }
                }

                return Single(Imports(name, compilation).Where(i => i.IsStatic && i.Type is not null).Select(i => MemberOf(i.Type!, text, withBases: false)));
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access:
                return ResolveType(access.Expression, declaredIn, compilation) is { } owner ? MemberOf(owner, access.Name.Identifier.ValueText, withBases: true) : null;
            case QualifiedNameSyntax qualified:
                return ResolveType(qualified.Left, declaredIn, compilation) is { } container ? MemberOf(container, qualified.Right.Identifier.ValueText, withBases: true) : null;
            default:
                return null;
        }
    }

    private static ISymbol? MemberOf(INamedTypeSymbol type, string name, bool withBases)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = withBases ? current.BaseType : null)
        {
            ISymbol[] members = current.GetMembers(name).Where(m => m is IFieldSymbol or IPropertySymbol).ToArray();
            if (members.Length > 0)
            {
                return members.Length == 1 ? members[0] : null;
            }
        }

        return null;
    }

    /// <summary>The type a name written in <paramref name="declaredIn"/>'s declaration stands for.</summary>
    private static INamedTypeSymbol? ResolveType(ExpressionSyntax name, ISymbol declaredIn, Compilation compilation)
    {
        switch (name)
        {
            case AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global" } global:
                return Single(compilation.GlobalNamespace.GetTypeMembers(global.Name.Identifier.ValueText));
            case IdentifierNameSyntax identifier:
                string text = identifier.Identifier.ValueText;
                for (INamedTypeSymbol? type = declaredIn.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (type.Name == text)
                    {
                        return type;
                    }

                    if (Single(type.GetTypeMembers(text)) is { } nested)
                    {
                        return nested;
                    }
                }

                for (INamespaceSymbol? space = declaredIn.ContainingNamespace; space is not null; space = space.ContainingNamespace)
                {
                    if (Single(space.GetTypeMembers(text)) is { } inNamespace)
                    {
                        return inNamespace;
                    }
                }

                List<Import> imports = Imports(name, compilation);
                return imports.FirstOrDefault(i => i.Alias == text).Type
                    ?? Single(imports.Where(i => i.Alias is null && !i.IsStatic && i.Namespace is not null).SelectMany(i => i.Namespace!.GetTypeMembers(text)));
            case MemberAccessExpressionSyntax or QualifiedNameSyntax:
                if (compilation.GetTypeByMetadataName(name.ToString().Replace("global::", "")) is { } byFullName)
                {
                    return byFullName;
                }

                (ExpressionSyntax left, string right) = name is MemberAccessExpressionSyntax access
                    ? (access.Expression, access.Name.Identifier.ValueText)
                    : (((QualifiedNameSyntax)name).Left, ((QualifiedNameSyntax)name).Right.Identifier.ValueText);
                return ResolveType(left, declaredIn, compilation) is { } outer ? Single(outer.GetTypeMembers(right)) : null;
            default:
                return null;
        }
    }

    /// <summary>The <c>using</c> directives in scope at <paramref name="node"/>: of its namespaces and its file.</summary>
    private static List<Import> Imports(SyntaxNode node, Compilation compilation)
    {
        var imports = new List<Import>();
        foreach (SyntaxNode scope in node.Ancestors())
        {
            SyntaxList<UsingDirectiveSyntax> usings = scope switch
            {
                BaseNamespaceDeclarationSyntax space => space.Usings,
                CompilationUnitSyntax unit => unit.Usings,
                _ => default,
            };
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (directive.Name is not { } target)
                {
                    continue;
                }

                string targetName = target.ToString().Replace("global::", "");
                INamedTypeSymbol? type = compilation.GetTypeByMetadataName(targetName);
                bool isStatic = directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword);
                INamespaceSymbol? space = isStatic || type is not null ? null : NamespaceOf(compilation, targetName);
                if (type is not null || space is not null)
                {
                    imports.Add(new Import(directive.Alias?.Name.Identifier.ValueText, isStatic, type, space));
                }
            }
        }

        return imports;
    }

    private static INamespaceSymbol? NamespaceOf(Compilation compilation, string dottedName)
    {
        INamespaceSymbol? space = compilation.GlobalNamespace;
        foreach (string part in dottedName.Split('.'))
        {
            space = space?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return space;
    }

    /// <summary>The one symbol among <paramref name="candidates"/> (nulls left out), or null when there is none or more than one.</summary>
    private static T? Single<T>(IEnumerable<T?> candidates)
        where T : class, ISymbol
    {
        T? single = null;
        foreach (T? candidate in candidates)
        {
            if (candidate is null)
            {
                continue;
            }

            if (single is not null && !SymbolEqualityComparer.Default.Equals(single, candidate))
            {
                return null;
            }

            single = candidate;
        }

        return single;
    }

    /// <summary>One <c>using</c> directive: an alias or <c>using static</c> of a type, or a namespace.</summary>
    private readonly record struct Import(string? Alias, bool IsStatic, INamedTypeSymbol? Type, INamespaceSymbol? Namespace);
}
