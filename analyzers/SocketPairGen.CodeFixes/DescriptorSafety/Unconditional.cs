using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// Whether statements run whenever a creating call succeeded, so that doing their work in the call itself changes
/// nothing: each is a statement of the block the call's statement is in, after it, and no statement between them can
/// leave the block (a return, a throw, a break...) except a test of the call's failure (<c>if (fd &lt; 0) throw</c>)
/// or one of those statements. Exceptions are not paths here: an exception between the two leaves a descriptor the
/// method loses anyway.
/// </summary>
internal sealed class Unconditional(IInvocationOperation call, DescriptorCreator creator)
{
    /// <summary>Whether every one of <paramref name="statements"/> runs whenever the call succeeded.</summary>
    public bool After(IReadOnlyCollection<StatementSyntax> statements, SemanticModel model, CancellationToken cancellationToken)
    {
        if (call.Syntax.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: { } parent } creatorStatement
            || Statements(parent) is not { } list)
        {
            return false;
        }

        int start = list.IndexOf(creatorStatement);
        int last = start;
        foreach (StatementSyntax statement in statements)
        {
            int index = statement.Parent == parent ? list.IndexOf(statement) : -1;
            if (index <= start)
            {
                return false; // in another block (under a condition, in a loop...), or before the call
            }

            last = System.Math.Max(last, index);
        }

        var failure = new FailureTest(IsResult(), creator.DescriptorsOrdinal is null);
        for (int index = start + 1; index < last; index++)
        {
            StatementSyntax between = list[index];
            if (Contains(statements, between) || !Leaves(between))
            {
                continue;
            }

            if (between is IfStatementSyntax { Else: null } check
                && model.GetOperation(check.Condition, cancellationToken) is { } condition
                && failure.FailureWhenTrue(condition) == true)
            {
                continue; // leaves only when the call failed: no descriptor on that path
            }

            return false;
        }

        return true;
    }

    private static SyntaxList<StatementSyntax>? Statements(SyntaxNode parent) => parent switch
    {
        BlockSyntax block => block.Statements,
        SwitchSectionSyntax section => section.Statements,
        _ => null,
    };

    private static bool Contains(IReadOnlyCollection<StatementSyntax> statements, StatementSyntax statement)
    {
        foreach (StatementSyntax candidate in statements)
        {
            if (candidate == statement)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The call, an assignment of it, or the local its result went into.</summary>
    private System.Func<IOperation, bool> IsResult()
    {
        ILocalSymbol? local = DescriptorRelease.Outermost(call).Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        return operation => operation switch
        {
            IInvocationOperation => operation.Syntax == call.Syntax,
            ISimpleAssignmentOperation assignment => DescriptorPlace.Unwrap(assignment.Value)?.Syntax == call.Syntax,
            ILocalReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Local, local),
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="statement"/> may jump out of its block (lambdas and local functions aside).</summary>
    private static bool Leaves(StatementSyntax statement)
    {
        foreach (SyntaxNode node in statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or GotoStatementSyntax:
                case YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement }:
                    return true;
                case BreakStatementSyntax or ContinueStatementSyntax when !CaughtWithin(node, statement):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether a loop (or, for a break, a switch) inside <paramref name="statement"/> takes the jump.</summary>
    private static bool CaughtWithin(SyntaxNode jump, StatementSyntax statement)
    {
        for (SyntaxNode? node = jump.Parent; node is not null; node = node.Parent)
        {
            if (node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                || node is SwitchStatementSyntax && jump is BreakStatementSyntax)
            {
                return true;
            }

            if (node == statement)
            {
                return false;
            }
        }

        return false;
    }
}
