using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The value of a named constant, whatever kind of member holds it: a <c>const</c> field or enum member, a static
/// property whose getter only returns a constant (<c>static int SOCK_CLOEXEC =&gt; 0x80000;</c>, a getter block with
/// one <c>return</c>), a <c>static readonly</c> field set only by its initializer, or a property of Tmds.LibC (read
/// by name, <see cref="TmdsLibCValues"/>). Members declared in source are read from their declarations: a
/// constant expression of literals, operators, casts and other such members, resolved by name the way the
/// compiler would resolve them there (the containing types, <c>using static</c>, qualified type names). Anything
/// else is not a constant and gives null. Each member is judged once per compilation.
/// </summary>
internal static class ConstantMembers
{
    private const int MaxDepth = 8;

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, FoldedValue?>> Judged = new();

    /// <summary>The folded value of <paramref name="member"/>, or null when it is not a constant the rules can read.</summary>
    public static FoldedValue? ValueOf(ISymbol member, Compilation? compilation) => ValueOf(member, compilation, 0);

    /// <summary>Whether <paramref name="member"/> is a property or field the rules read as a constant (for the code fixes).</summary>
    public static long? PlainValueOf(ISymbol member, Compilation? compilation) =>
        ValueOf(member, compilation) is { Lie: false, OtherPlatform: false } value ? value.Value : null;

    internal static FoldedValue? ValueOf(ISymbol member, Compilation? compilation, int depth)
    {
        if (member is not (IFieldSymbol or IPropertySymbol) || depth > MaxDepth)
        {
            return null;
        }

        if (compilation is null)
        {
            return Judge(member, null, depth);
        }

        ConcurrentDictionary<ISymbol, FoldedValue?> judged =
            Judged.GetValue(compilation, _ => new ConcurrentDictionary<ISymbol, FoldedValue?>(SymbolEqualityComparer.Default));
        if (judged.TryGetValue(member, out FoldedValue? known))
        {
            return known;
        }

        FoldedValue? value = Judge(member, compilation, depth);
        judged.TryAdd(member, value);
        return value;
    }

    private static FoldedValue? Judge(ISymbol member, Compilation? compilation, int depth)
    {
        switch (member)
        {
            case IFieldSymbol { HasConstantValue: true } constant:
                if (ConstantValues.ToInt64(constant.ConstantValue) is not long value)
                {
                    return null;
                }

                // The compiler knows the value; the declaration tells whether a lying constant went into it.
                FoldedValue? declared = compilation is null ? null : Initializer(constant) is { } initializer
                    ? ConstantSyntax.Evaluate(initializer, constant, compilation, depth + 1)
                    : null;
                return Named(constant.Name, declared?.WithValue(value) ?? FoldedValue.Honest(value));

            case IFieldSymbol { IsStatic: true, IsReadOnly: true } field when compilation is not null && !HasStaticConstructor(field.ContainingType):
                return Initializer(field) is { } readOnlyInitializer && ConstantSyntax.Evaluate(readOnlyInitializer, field, compilation, depth + 1) is { } read
                    ? Named(field.Name, read)
                    : null;

            case IPropertySymbol { IsStatic: true, Parameters.Length: 0, SetMethod: null } property:
                if (TmdsLibCValues.ValueOf(property) is long binding)
                {
                    return FoldedValue.Honest(binding);
                }

                return compilation is not null && ReturnedExpression(property) is { } returned
                    && ConstantSyntax.Evaluate(returned, property, compilation, depth + 1) is { } got
                    ? Named(property.Name, got)
                    : null;

            default:
                return null;
        }
    }

    /// <summary>A value as its name judges it, keeping the taint it already carries.</summary>
    private static FoldedValue Named(string name, FoldedValue value)
    {
        FoldedValue named = FoldedValue.Named(name, value.Value);
        return named.Lie || named.OtherPlatform ? named : value;
    }

    private static ExpressionSyntax? Initializer(IFieldSymbol field) =>
        field.DeclaringSyntaxReferences.Length == 1
            ? field.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                EnumMemberDeclarationSyntax member => member.EqualsValue?.Value,
                _ => null,
            }
            : null;

    /// <summary>What the property's getter returns, when the getter is nothing but that: <c>=&gt; e</c>, <c>get =&gt; e;</c>, <c>get { return e; }</c>.</summary>
    internal static ExpressionSyntax? ReturnedExpression(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.Length != 1
            || property.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax declaration
            || declaration.Initializer is not null)
        {
            return null;
        }

        if (declaration.ExpressionBody is { } body)
        {
            return body.Expression;
        }

        if (declaration.AccessorList?.Accessors is not { Count: 1 } accessors || !accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration))
        {
            return null; // one with a setter: not a constant
        }

        AccessorDeclarationSyntax getter = accessors[0];
        return getter.ExpressionBody?.Expression
            ?? (getter.Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
    }

    /// <summary>Whether a static constructor written in source could assign the type's static readonly fields.</summary>
    private static bool HasStaticConstructor(INamedTypeSymbol type) => type.StaticConstructors.Any(c => !c.IsImplicitlyDeclared);
}
