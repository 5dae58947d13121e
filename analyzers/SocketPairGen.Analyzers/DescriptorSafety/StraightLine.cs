using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether one piece of code always runs before another: both sit in one block, the first before the second,
/// and nothing between either of them and that block decides whether or when it runs (no branch, loop, lambda,
/// local function, catch, finally, <c>&amp;&amp;</c>, <c>?:</c>, <c>??</c>, <c>?.</c>). A method with labels
/// (a <c>goto</c> may jump between them) is never straight.
/// </summary>
internal static class StraightLine
{
    /// <summary>Whether each method has labels, asked once per method.</summary>
    private static readonly ConditionalWeakTable<SyntaxNode, object> Labelled = new();
    private static readonly object Yes = new(), No = new();

    /// <summary>Whether <paramref name="second"/> runs whenever it is reached after <paramref name="first"/> ran, in order.</summary>
    public static bool Follows(SyntaxNode first, SyntaxNode second)
    {
        if (first.SpanStart >= second.SpanStart || first.Span.Contains(second.Span))
        {
            return false;
        }

        // The innermost block holding both: each must reach it without crossing anything conditional.
        BlockSyntax? common = null;
        foreach (SyntaxNode ancestor in first.Ancestors())
        {
            if (ancestor is BlockSyntax block && block.Span.Contains(second.Span))
            {
                common = block;
                break;
            }
        }

        return common is not null
            && !HasLabels(common)
            && Reaches(first, common)
            && Reaches(second, common);
    }

    /// <summary>
    /// Whether <paramref name="second"/> runs next whenever <paramref name="first"/> runs: <see cref="Follows"/>, the
    /// statement holding <paramref name="first"/> is an expression or a declaration, and no statement between the two
    /// can leave their block (a return, break, continue, goto, yield or throw).
    /// </summary>
    public static bool Passes(SyntaxNode first, SyntaxNode second)
    {
        if (!Follows(first, second))
        {
            return false;
        }

        StatementSyntax? firstStatement = null, secondStatement = null;
        foreach (SyntaxNode ancestor in first.AncestorsAndSelf())
        {
            if (ancestor is StatementSyntax { Parent: BlockSyntax block } statement && block.Span.Contains(second.Span))
            {
                firstStatement = statement;
                break;
            }
        }

        foreach (SyntaxNode ancestor in second.AncestorsAndSelf())
        {
            if (ancestor is StatementSyntax statement && statement.Parent == firstStatement?.Parent)
            {
                secondStatement = statement;
                break;
            }
        }

        if (firstStatement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax)
            || secondStatement is null
            || firstStatement.Parent is not BlockSyntax common)
        {
            return false;
        }

        for (int i = common.Statements.IndexOf(firstStatement) + 1; i < common.Statements.IndexOf(secondStatement); i++)
        {
            foreach (SyntaxNode node in common.Statements[i].DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
                    or YieldStatementSyntax or ThrowStatementSyntax or LabeledStatementSyntax)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool HasLabels(SyntaxNode scope)
    {
        foreach (SyntaxNode ancestor in scope.AncestorsAndSelf())
        {
            if (ancestor is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
                or AnonymousFunctionExpressionSyntax)
            {
                scope = ancestor;
                break;
            }
        }

        // Asked for every pair of calls a rule compares: the answer is kept for the method.
        return Labelled.GetValue(scope, static method =>
        {
            // Labels and gotos are statements: an expression holds none that can jump within this body (a lambda's
            // labels are its own, and a question about code in a lambda is asked of the lambda).
            foreach (SyntaxNode node in method.DescendantNodes(static n => n is not ExpressionSyntax or AnonymousFunctionExpressionSyntax))
            {
                if (node is LabeledStatementSyntax or GotoStatementSyntax)
                {
                    return Yes;
                }
            }

            return No;
        }) == Yes;
    }

    private static bool Reaches(SyntaxNode node, BlockSyntax block)
    {
        SyntaxNode child = node;
        for (SyntaxNode? parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent == block)
            {
                return true;
            }

            if (!Unconditional(parent, child))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="child"/> runs, exactly once, whenever <paramref name="parent"/> does.</summary>
    private static bool Unconditional(SyntaxNode parent, SyntaxNode child) => parent switch
    {
        BinaryExpressionSyntax binary => !binary.IsKind(SyntaxKind.LogicalAndExpression)
            && !binary.IsKind(SyntaxKind.LogicalOrExpression)
            && !binary.IsKind(SyntaxKind.CoalesceExpression),
        AssignmentExpressionSyntax assignment => !assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression),
        IfStatementSyntax condition => condition.Condition == child,
        TryStatementSyntax attempt => attempt.Block == child,
        UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax or UnsafeStatementSyntax or CheckedStatementSyntax
            or BlockSyntax or ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax
            or VariableDeclarationSyntax or VariableDeclaratorSyntax or EqualsValueClauseSyntax
            or ArgumentSyntax or ArgumentListSyntax or InvocationExpressionSyntax
            or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
            or CastExpressionSyntax or ParenthesizedExpressionSyntax or PrefixUnaryExpressionSyntax
            or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or BracketedArgumentListSyntax => true,
        _ => false,
    };
}
