using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether some path through a method's control flow graph leads from the operation that creates a resource to the
/// method's exit without passing any of its escapes (a close, a disposal, a hand-off, or any use the rules cannot
/// follow). Used by the leak rules (SPG0010, SPG0011) once they know the method lets go of the resource somewhere, and
/// from the method's entry for a parameter the method owns (SPG0013).
/// </summary>
/// <remarks>
/// <para>
/// A <c>finally</c> that holds an escape releases every path that leaves through it. A branch on a failure test of
/// the creation (<c>if (fd &lt; 0) return;</c>) does not follow the failed side: nothing was created there.
/// </para>
/// <para>
/// Exception paths (off by default): a path that ends in <c>throw</c> or in a <c>[DoesNotReturn]</c> call (a throw
/// helper, <c>Environment.FailFast</c>) is not followed. With them on, every call (but libc calls and methods that only
/// store fields, <see cref="CannotThrow"/>), object creation, <c>await</c> and <c>throw</c> between the creation and the escape may leave through the
/// enclosing handlers; a <c>finally</c> holding an escape releases it, a <c>catch</c> goes on from the handler, and
/// reaching the method's caller is a leak.
/// </para>
/// </remarks>
internal sealed class LeakPaths
{
    private readonly ControlFlowGraph _graph;
    private readonly SyntaxNode? _creation;
    private readonly bool _recreationLeaks;
    private readonly Compilation? _compilation;
    private readonly HashSet<SyntaxNode> _escapes;
    private readonly Func<IOperation, bool?> _failureWhenTrue;
    private readonly bool _exceptionPaths;
    private readonly Position[][] _positions;
    private readonly Stack<(BasicBlock Block, int From)> _pending = new();
    private readonly HashSet<int> _entered = [];

    private LeakPaths(
        ControlFlowGraph graph, SyntaxNode? creation, HashSet<SyntaxNode> escapes, Func<IOperation, bool?> failureWhenTrue, bool exceptionPaths,
        bool recreationLeaks = true)
    {
        _graph = graph;
        _creation = creation;
        _recreationLeaks = recreationLeaks;

        // The graph's operations are its own copies, without a semantic model: the compilation comes from the method's.
        _compilation = graph.OriginalOperation.SemanticModel?.Compilation;
        _escapes = escapes;
        _failureWhenTrue = failureWhenTrue;
        _exceptionPaths = exceptionPaths;
        _positions = new Position[graph.Blocks.Length][];
    }

    /// <summary>
    /// Whether a path leaves the method from <paramref name="creation"/> without passing <paramref name="escapes"/>.
    /// </summary>
    /// <param name="graph">The method's control flow graph.</param>
    /// <param name="creation">The syntax of the creating call.</param>
    /// <param name="escapes">The syntax of every reference after which the method no longer holds the resource.</param>
    /// <param name="failureWhenTrue">
    /// For a branch condition: true when it holds exactly when the creation failed, false when it holds exactly when it
    /// succeeded, null when it says nothing about the creation.
    /// </param>
    /// <param name="exceptionPaths">Whether exceptions thrown between creation and escape count as paths.</param>
    /// <param name="exit">Where the leaking path leaves, when it leaves through a statement (a return).</param>
    /// <param name="recreationLeaks">Whether reaching the creation again with the resource held is a leak (false for a spawn retried in a loop).</param>
    public static bool Exist(
        ControlFlowGraph graph, SyntaxNode creation, HashSet<SyntaxNode> escapes, Func<IOperation, bool?> failureWhenTrue,
        bool exceptionPaths, out SyntaxNode? exit, bool recreationLeaks = true)
    {
        exit = null;
        if (GraphHolding(graph, creation) is not { } holding)
        {
            return false;
        }

        var paths = new LeakPaths(holding, creation, escapes, failureWhenTrue, exceptionPaths, recreationLeaks);
        return paths.Search(out exit);
    }

    /// <summary>
    /// Whether a path from the start of <paramref name="graph"/> leaves it without passing <paramref name="escapes"/>:
    /// what a method does with a parameter it receives.
    /// </summary>
    public static bool ExistFromEntry(ControlFlowGraph graph, HashSet<SyntaxNode> escapes, Func<IOperation, bool?> failureWhenTrue) =>
        ExistFromEntry(graph, escapes, failureWhenTrue, exceptionPaths: false, out _);

    /// <summary>
    /// Whether a path from the start of <paramref name="graph"/> leaves it without passing <paramref name="escapes"/>,
    /// and where it leaves, for a rule that reports the path (SPG0013).
    /// </summary>
    /// <param name="graph">The method's control flow graph.</param>
    /// <param name="escapes">The syntax of every reference after which the method no longer holds the resource.</param>
    /// <param name="failureWhenTrue">For a branch condition: true when it holds exactly when there is nothing to release.</param>
    /// <param name="exceptionPaths">Whether exceptions thrown before the escape count as paths.</param>
    /// <param name="exit">Where the leaking path leaves, when it leaves through a statement (a return).</param>
    public static bool ExistFromEntry(
        ControlFlowGraph graph, HashSet<SyntaxNode> escapes, Func<IOperation, bool?> failureWhenTrue, bool exceptionPaths, out SyntaxNode? exit)
    {
        var paths = new LeakPaths(graph, null, escapes, failureWhenTrue, exceptionPaths);
        paths._pending.Push((graph.Blocks[0], 0));
        return paths.Drain(out exit);
    }

    /// <summary>
    /// The graph whose blocks hold <paramref name="creation"/>: the method's own, or that of the local function or
    /// lambda it sits in (each has a graph of its own, reached through its parent's).
    /// </summary>
    private static ControlFlowGraph? GraphHolding(ControlFlowGraph graph, SyntaxNode creation)
    {
        var nested = new List<ControlFlowGraph>();
        foreach (BasicBlock block in graph.Blocks)
        {
            foreach (IOperation operation in block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue))
            {
                if (!operation.Syntax.Span.Contains(creation.Span))
                {
                    continue;
                }

                foreach (IOperation part in operation.DescendantsAndSelf())
                {
                    if (part.Syntax == creation && part is IInvocationOperation)
                    {
                        return graph;
                    }

                    if (part is IFlowAnonymousFunctionOperation lambda && lambda.Syntax.Span.Contains(creation.Span))
                    {
                        nested.Add(graph.GetAnonymousFunctionControlFlowGraph(lambda));
                    }
                }
            }
        }

        foreach (IMethodSymbol function in graph.LocalFunctions)
        {
            foreach (SyntaxReference reference in function.DeclaringSyntaxReferences)
            {
                if (reference.Span.Contains(creation.Span) && reference.SyntaxTree == creation.SyntaxTree)
                {
                    nested.Add(graph.GetLocalFunctionControlFlowGraph(function));
                }
            }
        }

        foreach (ControlFlowGraph inner in nested)
        {
            if (GraphHolding(inner, creation) is { } holding)
            {
                return holding;
            }
        }

        return null;
    }

    private bool Search(out SyntaxNode? exit)
    {
        exit = null;
        foreach (BasicBlock block in _graph.Blocks)
        {
            Position[] positions = PositionsOf(block);
            for (int i = 0; i < positions.Length; i++)
            {
                if (positions[i].IsCreation)
                {
                    _pending.Push((block, i + 1));
                    return Drain(out exit);
                }
            }
        }

        return false; // the creation is not in this graph (it sits in a nested function): nothing to say
    }

    private bool Drain(out SyntaxNode? exit)
    {
        exit = null;
        while (_pending.Count > 0)
        {
            (BasicBlock block, int from) = _pending.Pop();
            if (Leaks(block, from, out exit))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Follows one block from <paramref name="from"/>: true when a path leaks from here.</summary>
    private bool Leaks(BasicBlock block, int from, out SyntaxNode? exit)
    {
        exit = null;
        if (block.Kind == BasicBlockKind.Exit)
        {
            return true;
        }

        Position[] positions = PositionsOf(block);
        for (int i = from; i < positions.Length; i++)
        {
            if (positions[i].IsCreation && from == 0 && _recreationLeaks)
            {
                // Created again while the previous one is still held: the previous one is lost.
                exit = positions[i].Syntax;
                return true;
            }

            if (positions[i].HasEscape)
            {
                return false;
            }

            if (_exceptionPaths && positions[i].MayThrow && ExceptionLeaks(block))
            {
                exit = positions[i].Syntax;
                return true;
            }

            if (positions[i].NeverReturns)
            {
                // A [DoesNotReturn] call (a throw helper, Environment.FailFast) ends the path like a throw; with
                // exception paths on, its exception was followed just above.
                return false;
            }
        }

        ControlFlowBranch? failed = FailedSide(block);
        ControlFlowBranch? neverTaken = NeverTaken(block);
        foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
        {
            if (branch is null || branch == failed || branch == neverTaken)
            {
                continue;
            }

            switch (branch.Semantics)
            {
                case ControlFlowBranchSemantics.Regular or ControlFlowBranchSemantics.Return when branch.Destination is { } destination:
                    if (FinallyReleases(branch))
                    {
                        break;
                    }

                    if (destination.Kind == BasicBlockKind.Exit)
                    {
                        exit = ExitSyntax(block) ?? ReturnTaken(block, branch == block.ConditionalSuccessor);
                        return true;
                    }

                    if (_entered.Add(destination.Ordinal))
                    {
                        _pending.Push((destination, 0));
                    }

                    break;
                case ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow when _exceptionPaths:
                    if (ExceptionLeaks(block))
                    {
                        exit = ExitSyntax(block);
                        return true;
                    }

                    break;
                default:
                    // A throw with exception paths off, the end of a finally or filter, program termination: no path on.
                    break;
            }
        }

        return false;
    }

    /// <summary>The successor a failure test of the creation sends the failed creation to, if the block ends in one.</summary>
    private ControlFlowBranch? FailedSide(BasicBlock block)
    {
        if (block.BranchValue is null || block.ConditionalSuccessor is null || _failureWhenTrue(block.BranchValue) is not bool failureWhenTrue)
        {
            return null;
        }

        // The conditional successor is taken when the value is ConditionKind (true or false).
        bool conditionalOnTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
        return conditionalOnTrue == failureWhenTrue ? block.ConditionalSuccessor : block.FallThroughSuccessor;
    }

    /// <summary>
    /// The successor a constant condition never sends anything to, if the block ends in one: the way out of
    /// <c>while (true)</c> or <c>do ... while (true)</c>, which the graph keeps although only a <c>break</c> leaves.
    /// </summary>
    private static ControlFlowBranch? NeverTaken(BasicBlock block)
    {
        if (block.ConditionalSuccessor is null || block.BranchValue?.ConstantValue is not { HasValue: true, Value: bool value })
        {
            return null;
        }

        bool conditionalTaken = value == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        return conditionalTaken ? block.FallThroughSuccessor : block.ConditionalSuccessor;
    }

    /// <summary>Whether a branch runs a <c>finally</c> on its way that lets go of the resource.</summary>
    private bool FinallyReleases(ControlFlowBranch branch)
    {
        foreach (ControlFlowRegion region in branch.FinallyRegions)
        {
            if (RegionEscapes(region))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where an exception thrown in <paramref name="block"/> goes: true when it reaches the caller with the resource
    /// held; the handlers that catch it are queued as paths of their own.
    /// </summary>
    private bool ExceptionLeaks(BasicBlock block)
    {
        for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } tryStatement)
            {
                continue;
            }

            if (tryStatement.Kind == ControlFlowRegionKind.TryAndFinally)
            {
                if (RegionEscapes(tryStatement.NestedRegions[1]))
                {
                    return false;
                }

                continue;
            }

            if (tryStatement.Kind != ControlFlowRegionKind.TryAndCatch)
            {
                continue;
            }

            bool catchesAll = false;
            for (int i = 1; i < tryStatement.NestedRegions.Length; i++)
            {
                ControlFlowRegion handler = tryStatement.NestedRegions[i];
                BasicBlock first = _graph.Blocks[handler.FirstBlockOrdinal];
                if (_entered.Add(first.Ordinal))
                {
                    _pending.Push((first, 0));
                }

                catchesAll |= handler.Kind == ControlFlowRegionKind.Catch
                    && handler.ExceptionType is null or { SpecialType: SpecialType.System_Object } or { Name: "Exception", ContainingNamespace.Name: "System" };
            }

            if (catchesAll)
            {
                return false;
            }
        }

        return true;
    }

    private bool RegionEscapes(ControlFlowRegion region)
    {
        for (int ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal; ordinal++)
        {
            foreach (Position position in PositionsOf(_graph.Blocks[ordinal]))
            {
                if (position.HasEscape)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The <c>return</c> or <c>throw</c> a block leaves the method through, for the diagnostic's second location.</summary>
    private static SyntaxNode? ExitSyntax(BasicBlock block)
    {
        SyntaxNode? last = block.BranchValue?.Syntax ?? (block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1].Syntax : null);
        for (SyntaxNode? node = last; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>
    /// A <c>return;</c> of a void method leaves no operation in the graph: when the block ends in the condition of an
    /// <c>if</c> and the branch taken goes straight out, the <c>return;</c> that side of the <c>if</c> starts with.
    /// </summary>
    private static SyntaxNode? ReturnTaken(BasicBlock block, bool conditional)
    {
        if (block.BranchValue?.Syntax is not { } condition || condition.Parent is not IfStatementSyntax statement || statement.Condition != condition)
        {
            return null;
        }

        bool whenTrue = conditional == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
        StatementSyntax? taken = whenTrue ? statement.Statement : statement.Else?.Statement;
        if (taken is BlockSyntax { Statements.Count: > 0 } body)
        {
            taken = body.Statements[0];
        }

        return taken as ReturnStatementSyntax;
    }

    /// <summary>The block's operations, then its branch value, each summarised once.</summary>
    private Position[] PositionsOf(BasicBlock block)
    {
        if (_positions[block.Ordinal] is { } known)
        {
            return known;
        }

        int count = block.Operations.Length + (block.BranchValue is null ? 0 : 1);
        var positions = new Position[count];
        for (int i = 0; i < count; i++)
        {
            IOperation operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue!;
            positions[i] = Summarise(operation);
        }

        return _positions[block.Ordinal] = positions;
    }

    private Position Summarise(IOperation operation)
    {
        bool isCreation = false, hasEscape = false, mayThrow = false, neverReturns = false;
        foreach (IOperation part in operation.DescendantsAndSelf())
        {
            isCreation |= part.Syntax == _creation && part is IInvocationOperation;
            hasEscape |= _escapes.Contains(part.Syntax);
            mayThrow |= part switch
            {
                IInvocationOperation invocation => invocation.Syntax != _creation && LibcCall.FunctionName(invocation) is null && !CannotThrow.Call(invocation, _compilation),
                IObjectCreationOperation or IThrowOperation or IAwaitOperation => true,
                _ => false,
            };
            neverReturns |= part is IInvocationOperation call && DoesNotReturn(call.TargetMethod);
        }

        return new Position(operation.Syntax, isCreation, hasEscape, mayThrow, neverReturns);
    }

    private static bool DoesNotReturn(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute", ContainingNamespace: { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace.Name: "System" } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one operation of a block does to the resource.</summary>
    private readonly record struct Position(SyntaxNode Syntax, bool IsCreation, bool HasEscape, bool MayThrow, bool NeverReturns);
}
