using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The common shape of correct code, proved without a control flow graph: the creation is a statement of a block,
/// a later statement of the same block releases the descriptor unconditionally (<c>close(fd);</c>,
/// <c>_fd = fd;</c>, <c>using var h = new SafeFileHandle(fd, true);</c>, <c>return fd;</c>), and no statement in
/// between can leave the block except through the failed side of a failure test (<c>if (fd &lt; 0) return -1;</c>) or
/// a <c>throw</c>. Then every path releases it. Anything else says "not proved" and the graph decides.
/// </summary>
internal static class StraightRelease
{
    /// <summary>Whether every path from <paramref name="creation"/> surely passes one of <paramref name="escapes"/>.</summary>
    /// <param name="creation">The creating call.</param>
    /// <param name="escapes">The syntax of the references that release the descriptor or let it go elsewhere.</param>
    /// <param name="operations">The method's operations (to find the conditions of <c>if</c> statements).</param>
    /// <param name="failureWhenTrue">The failure test of the creation.</param>
    public static bool Proved(SyntaxNode creation, HashSet<SyntaxNode> escapes, IOperation[] operations, Func<IOperation, bool?> failureWhenTrue)
    {
        if (StatementInBlock(creation) is not { } creationStatement
            || creationStatement is not (LocalDeclarationStatementSyntax or ExpressionStatementSyntax)
            || creationStatement.Parent is not BlockSyntax block)
        {
            return false;
        }

        bool started = false;
        foreach (StatementSyntax statement in block.Statements)
        {
            if (!started)
            {
                started = statement == creationStatement;
                continue;
            }

            if (ReleasesUnconditionally(statement, escapes))
            {
                return true;
            }

            if (!Contains(statement, escapes) && !MayLeave(statement, operations, failureWhenTrue))
            {
                continue;
            }

            return false; // a conditional release, or a way out: the graph decides
        }

        return false;
    }

    /// <summary>The statement directly in a block that holds <paramref name="node"/>, if the node sits in one at all.</summary>
    private static StatementSyntax? StatementInBlock(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax { Parent: BlockSyntax } statement)
            {
                return statement;
            }

            if (current is StatementSyntax or MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax)
            {
                return null; // under an embedded statement (if, loop...) or in a lambda
            }
        }

        return null;
    }

    /// <summary>
    /// A statement that always releases: an escape reached from it through arguments, casts, parentheses, an
    /// assignment or a declaration only (no condition, no short-circuit, no lambda on the way).
    /// </summary>
    private static bool ReleasesUnconditionally(StatementSyntax statement, HashSet<SyntaxNode> escapes)
    {
        if (statement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax))
        {
            return false;
        }

        foreach (SyntaxNode escape in escapes)
        {
            if (!statement.Span.Contains(escape.Span))
            {
                continue;
            }

            bool unconditional = true;
            for (SyntaxNode? node = escape.Parent; node is not null && node != statement; node = node.Parent)
            {
                unconditional &= node is ArgumentSyntax or ArgumentListSyntax or InvocationExpressionSyntax or ObjectCreationExpressionSyntax
                    or ImplicitObjectCreationExpressionSyntax or CastExpressionSyntax or ParenthesizedExpressionSyntax
                    or AssignmentExpressionSyntax or EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax;
            }

            if (unconditional)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(SyntaxNode statement, HashSet<SyntaxNode> escapes)
    {
        foreach (SyntaxNode escape in escapes)
        {
            if (statement.Span.Contains(escape.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether control may leave the block from <paramref name="statement"/> other than by a throw or through the
    /// failed side of a failure test: a return, break, continue, goto or yield anywhere in it (lambdas and local
    /// functions aside), or a label.
    /// </summary>
    private static bool MayLeave(StatementSyntax statement, IOperation[] operations, Func<IOperation, bool?> failureWhenTrue)
    {
        if (statement is IfStatementSyntax { Else: null } test && FailureWhenTrue(test, operations, failureWhenTrue) == true)
        {
            return false; // its body runs only when nothing was created
        }

        foreach (SyntaxNode node in statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
                or YieldStatementSyntax or LabeledStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool? FailureWhenTrue(IfStatementSyntax test, IOperation[] operations, Func<IOperation, bool?> failureWhenTrue)
    {
        foreach (IOperation operation in operations)
        {
            if (operation is IConditionalOperation conditional && operation.Syntax == test)
            {
                return failureWhenTrue(conditional.Condition);
            }
        }

        return null;
    }
}
