using SocketPairGen.Analyzers.DescriptorSafety;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>The syntax of a flag the fixes add: a constant of that name and value in scope, else a commented literal.</summary>
internal static class FlagSyntax
{
    /// <summary>
    /// <c>NAME</c> when a constant field or local constant called <paramref name="name"/> with value
    /// <paramref name="value"/> is in scope at <paramref name="position"/>, else <c>0x80000 /* NAME */</c>.
    /// </summary>
    public static ExpressionSyntax For(SemanticModel model, int position, string name, long value, bool hex = true) =>
        NamedConstantInScope(model, position, name, value)
            ? SyntaxFactory.IdentifierName(name)
            : Literal(value, name, hex);

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

    private static bool NamedConstantInScope(SemanticModel model, int position, string name, long value) =>
        model.LookupSymbols(position, name: name).FirstOrDefault() switch
        {
            IFieldSymbol { IsConst: true, HasConstantValue: true } field => ConstantValues.ToInt64(field.ConstantValue) == value,
            ILocalSymbol { IsConst: true, HasConstantValue: true } local =>
                ConstantValues.ToInt64(local.ConstantValue) == value && local.Locations.All(l => l.SourceSpan.Start < position),
            _ => false,
        };

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
