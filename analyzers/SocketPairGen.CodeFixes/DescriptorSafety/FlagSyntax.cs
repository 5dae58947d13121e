using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// The syntax of a flag the fixes add: its name where a constant of that name and value can be reached (in scope, or
/// through the binding the call already uses: <c>LibC.SOCK_STREAM</c> gives <c>LibC.SOCK_CLOEXEC</c>), else a
/// commented literal. A constant is a <c>const</c>, a static property returning a constant, or a property of
/// Tmds.LibC (<see cref="ConstantMembers"/>).
/// </summary>
internal static class FlagSyntax
{
    /// <summary>
    /// <c>NAME</c> or <c>Binding.NAME</c> when a constant called <paramref name="name"/> with value
    /// <paramref name="value"/> can be reached at <paramref name="position"/> (see <see cref="Named"/>), else
    /// <c>0x80000 /* NAME */</c>.
    /// </summary>
    public static ExpressionSyntax For(SemanticModel model, int position, string name, long value, bool hex = true, IOperation? usedBinding = null) =>
        Named(model, position, name, value, usedBinding) ?? Literal(value, name, hex);

    /// <summary>
    /// The flag by name: <c>NAME</c> when exactly one constant of that name and value is in scope; else
    /// <c>Binding.NAME</c>, written with the same qualifier, when a type whose constants or functions
    /// <paramref name="usedBinding"/> (a call or an argument) already names declares one; null when there is none.
    /// </summary>
    public static ExpressionSyntax? Named(SemanticModel model, int position, string name, long value, IOperation? usedBinding = null)
    {
        if (NamedConstantInScope(model, position, name, value))
        {
            return SyntaxFactory.IdentifierName(name);
        }

        if (usedBinding is null)
        {
            return null;
        }

        foreach ((INamedTypeSymbol type, ExpressionSyntax? qualifier) in Bindings(usedBinding))
        {
            ISymbol? member = type.GetMembers(name).FirstOrDefault(m => ConstantMembers.PlainValueOf(m, model.Compilation) == value);
            if (member is null || !model.IsAccessible(position, member))
            {
                continue;
            }

            ExpressionSyntax owner = qualifier?.WithoutTrivia()
                ?? SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, position));
            return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, owner, SyntaxFactory.IdentifierName(name));
        }

        return null;
    }

    /// <summary>
    /// The types <paramref name="used"/> names, with the qualifier it writes them with (null when it names a member
    /// unqualified): those of its static constants first, then the type of the function it calls.
    /// </summary>
    private static IEnumerable<(INamedTypeSymbol Type, ExpressionSyntax? Qualifier)> Bindings(IOperation used)
    {
        foreach (IOperation operation in used.DescendantsAndSelf())
        {
            if (operation is IMemberReferenceOperation { Instance: null, Member: { IsStatic: true, ContainingType: { } type }, Syntax: MemberAccessExpressionSyntax access })
            {
                yield return (type, access.Expression);
            }
        }

        if (used is IInvocationOperation { TargetMethod.ContainingType: { } binding } invocation)
        {
            yield return (binding, invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax call } ? call.Expression : null);
        }
    }

    /// <summary>Several flags or'ed: all by name when every one is in scope, else one commented literal.</summary>
    public static ExpressionSyntax For(SemanticModel model, int position, params (string Name, long Value)[] flags)
    {
        if (flags.All(f => NamedConstantInScope(model, position, f.Name, f.Value)))
        {
            return flags.Skip(1).Aggregate(
                (ExpressionSyntax)SyntaxFactory.IdentifierName(flags[0].Name),
                (left, flag) => Or(left, SyntaxFactory.IdentifierName(flag.Name)));
        }

        long combined = flags.Aggregate(0L, (all, flag) => all | flag.Value);
        return Literal(combined, string.Join(" | ", flags.Select(f => f.Name)));
    }

    /// <summary><c>left | right</c>, with <paramref name="left"/> parenthesized when <c>|</c> would bind into it.</summary>
    public static ExpressionSyntax Or(ExpressionSyntax left, ExpressionSyntax right)
    {
        ExpressionSyntax operand = NeedsParentheses(left) ? SyntaxFactory.ParenthesizedExpression(left.WithoutTrivia()) : left.WithoutTrivia();
        return SyntaxFactory.BinaryExpression(
                SyntaxKind.BitwiseOrExpression,
                operand.WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.BarToken).WithTrailingTrivia(SyntaxFactory.Space),
                right)
            .WithLeadingTrivia(left.GetLeadingTrivia());
    }

    /// <summary>Whether <paramref name="expression"/> converts implicitly, constants included, to <paramref name="type"/> there.</summary>
    public static bool Fits(SemanticModel model, int position, ExpressionSyntax expression, ITypeSymbol type) =>
        model.ClassifyConversion(position, expression, type) is { Exists: true, IsImplicit: true };

    /// <summary>Whether <paramref name="name"/> alone, at <paramref name="position"/>, is a constant of value <paramref name="value"/>.</summary>
    private static bool NamedConstantInScope(SemanticModel model, int position, string name, long value)
    {
        System.Collections.Immutable.ImmutableArray<ISymbol> found = model.LookupSymbols(position, name: name);
        if (found.Length != 1)
        {
            return false; // none, or two from two 'using static': the name alone would not compile
        }

        return found[0] switch
        {
            ILocalSymbol { IsConst: true, HasConstantValue: true } local =>
                ConstantValues.ToInt64(local.ConstantValue) == value && local.Locations.All(l => l.SourceSpan.Start < position),
            IFieldSymbol or IPropertySymbol => ConstantMembers.PlainValueOf(found[0], model.Compilation) == value,
            _ => false,
        };
    }

    private static LiteralExpressionSyntax Literal(long value, string comment, bool hex = true)
    {
        string text = hex ? "0x" + value.ToString("X", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
        SyntaxToken token = value <= int.MaxValue
            ? SyntaxFactory.Literal(text, (int)value)
            : SyntaxFactory.Literal(text, value);
        return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, token)
            .WithTrailingTrivia(SyntaxFactory.Space, SyntaxFactory.Comment("/* " + comment + " */"));
    }

    private static bool NeedsParentheses(ExpressionSyntax expression) => expression is ConditionalExpressionSyntax
        or AssignmentExpressionSyntax
        or LambdaExpressionSyntax
        or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression };
}
