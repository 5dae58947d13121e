using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether some path through a method's control flow graph leads from one release of a descriptor (a close, a
/// hand-off) to a close of the same descriptor without a write to its place in between (SPG0012), and whether every
/// path to that close passes a release (its removal then changes nothing).
/// </summary>
/// <remarks>
/// <para>
/// Paths go through branches, loops, <c>goto</c>, and the <c>finally</c> blocks a jump runs on its way; exceptions
/// are not followed (a <c>catch</c> runs only when something throws). A path after the release does not go through
/// a branch whose outcome may depend on what happened before it: its condition reads a local written after the
/// release or in a loop around it (<c>closed = true</c>, a loop counter), or a variable, field, property or method a
/// condition deciding the release also reads (<c>if (ok) close(fd); if (!ok) close(fd);</c>), directly or through
/// the locals it was computed into. A branch on the release's own result (<c>if (close(fd) != 0)</c>) is followed on
/// both sides: the descriptor is closed either way.
/// </para>
/// </remarks>
internal sealed class ClosedAgainPaths
{
    private readonly ControlFlowGraph _graph;
    private readonly IOperation _release;
    private readonly SyntaxNode _close;
    private readonly ImmutableArray<IOperation> _writes;
    private readonly HashSet<ISymbol> _deciding;
    private readonly IOperation _body;
    private readonly Dictionary<ControlFlowRegion, List<BasicBlock>> _afterFinally = new();

    private ClosedAgainPaths(ControlFlowGraph graph, IOperation release, SyntaxNode close, ImmutableArray<IOperation> writes, IOperation body)
    {
        _graph = graph;
        _release = release;
        _close = close;
        _writes = writes;
        _body = body;
        _deciding = DecidingSymbols(release, body);
    }

    /// <summary>Whether a path leads from <paramref name="release"/> to <paramref name="close"/> with no write in <paramref name="writes"/> on it.</summary>
    /// <param name="graph">The control flow graph of the method.</param>
    /// <param name="release">The earlier close or hand-off.</param>
    /// <param name="close">The syntax of the close judged.</param>
    /// <param name="writes">Every write to the descriptor's place in the method.</param>
    public static bool Exist(ControlFlowGraph graph, IOperation release, SyntaxNode close, ImmutableArray<IOperation> writes)
    {
        var paths = new ClosedAgainPaths(graph, release, close, writes, DescriptorPlace.Root(release));
        return Locate(graph, release.Syntax) is var (block, index) && paths.Search(block, index + 1, followCorrelated: false, stops: null);
    }

    /// <summary>
    /// Whether every path from the writes of the place (its creation) to <paramref name="close"/> passes one of
    /// <paramref name="releases"/>: then the close only ever closes a descriptor that is already gone.
    /// </summary>
    public static bool AlwaysAfterRelease(ControlFlowGraph graph, SyntaxNode close, ImmutableArray<IOperation> writes, IReadOnlyList<IOperation> releases)
    {
        if (writes.IsEmpty)
        {
            return false;
        }

        var stops = new HashSet<SyntaxNode>();
        foreach (IOperation release in releases)
        {
            stops.Add(release.Syntax);
        }

        foreach (IOperation write in writes)
        {
            var paths = new ClosedAgainPaths(graph, write, close, writes, DescriptorPlace.Root(write));
            if (Locate(graph, write.Syntax) is not var (block, index) || paths.Search(block, index + 1, followCorrelated: true, stops))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The block and the position in it of the operation holding <paramref name="syntax"/>.</summary>
    private static (BasicBlock Block, int Index)? Locate(ControlFlowGraph graph, SyntaxNode syntax)
    {
        foreach (BasicBlock block in graph.Blocks)
        {
            int count = block.Operations.Length + (block.BranchValue is null ? 0 : 1);
            for (int i = 0; i < count; i++)
            {
                IOperation operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue!;
                if (operation.Syntax.Span.Contains(syntax.Span) && Holds(operation, syntax))
                {
                    return (block, i);
                }
            }
        }

        return null;
    }

    private static bool Holds(IOperation operation, SyntaxNode syntax)
    {
        foreach (IOperation part in operation.DescendantsAndSelf())
        {
            if (part.Syntax == syntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the close is reached from <paramref name="start"/> at <paramref name="from"/> without a write (or, when
    /// <paramref name="stops"/> is given, a release) on the way.
    /// </summary>
    private bool Search(BasicBlock start, int from, bool followCorrelated, HashSet<SyntaxNode>? stops)
    {
        var pending = new Stack<(BasicBlock Block, int From, ImmutableStack<BasicBlock> After)>();
        var seen = new HashSet<(int, int, BasicBlock?)>();
        pending.Push((start, from, ImmutableStack<BasicBlock>.Empty));
        while (pending.Count > 0)
        {
            (BasicBlock block, int index, ImmutableStack<BasicBlock> after) = pending.Pop();
            if (!seen.Add((block.Ordinal, index, after.IsEmpty ? null : after.Peek())))
            {
                continue;
            }

            switch (Walk(block, index, stops))
            {
                case Outcome.Reached:
                    return true;
                case Outcome.Stopped:
                    continue;
            }

            if (block.ConditionalSuccessor is not null && !followCorrelated && Correlated(block.BranchValue))
            {
                continue; // which way it goes may depend on the release: neither side is followed
            }

            foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch is null)
                {
                    continue;
                }

                switch (branch.Semantics)
                {
                    case ControlFlowBranchSemantics.Regular or ControlFlowBranchSemantics.Return when branch.Destination is { } destination:
                        // The finally blocks the jump runs, innermost first, then its destination (the exit block
                        // ends the path, after those finally blocks).
                        ImmutableStack<BasicBlock> next = after.Push(destination);
                        for (int i = branch.FinallyRegions.Length - 1; i >= 0; i--)
                        {
                            next = next.Push(_graph.Blocks[branch.FinallyRegions[i].FirstBlockOrdinal]);
                        }

                        Continue(pending, next);
                        break;
                    case ControlFlowBranchSemantics.StructuredExceptionHandling:
                        // The end of a finally: on to what the jump that ran it was going to, or, from a finally the
                        // search started in, to wherever any jump through it goes.
                        if (!after.IsEmpty)
                        {
                            Continue(pending, after);
                        }
                        else if (FinallyOf(block) is { } region)
                        {
                            foreach (BasicBlock continuation in AfterFinally(region))
                            {
                                pending.Push((continuation, 0, after));
                            }
                        }

                        break;
                }
            }
        }

        return false;
    }

    /// <summary>Goes on to the block on top of <paramref name="blocks"/>, unless it is the method's exit.</summary>
    private static void Continue(Stack<(BasicBlock Block, int From, ImmutableStack<BasicBlock> After)> pending, ImmutableStack<BasicBlock> blocks)
    {
        BasicBlock next = blocks.Peek();
        if (next.Kind != BasicBlockKind.Exit)
        {
            pending.Push((next, 0, blocks.Pop()));
        }
    }

    private enum Outcome
    {
        Continued,
        Reached,
        Stopped,
    }

    private Outcome Walk(BasicBlock block, int from, HashSet<SyntaxNode>? stops)
    {
        int count = block.Operations.Length + (block.BranchValue is null ? 0 : 1);
        for (int i = from; i < count; i++)
        {
            IOperation operation = i < block.Operations.Length ? block.Operations[i] : block.BranchValue!;
            foreach (IOperation part in operation.DescendantsAndSelf())
            {
                if (part.Syntax == _close && part is IInvocationOperation)
                {
                    return Outcome.Reached;
                }

                if (stops is not null && stops.Contains(part.Syntax) && part.Syntax != _release.Syntax)
                {
                    return Outcome.Stopped;
                }

                foreach (IOperation write in _writes)
                {
                    if (part == write || part.Syntax == write.Syntax)
                    {
                        return Outcome.Stopped;
                    }
                }
            }
        }

        return Outcome.Continued;
    }

    /// <summary>Whether a branch on <paramref name="condition"/> may go one way or the other because of what led to the release.</summary>
    private bool Correlated(IOperation? condition)
    {
        if (condition is null)
        {
            return false;
        }

        foreach (IOperation part in condition.DescendantsAndSelf())
        {
            if (part.Syntax == _release.Syntax)
            {
                return false; // the release's own result: closed either way
            }
        }

        foreach (IOperation part in condition.DescendantsAndSelf())
        {
            switch (part)
            {
                case IFlowCaptureReferenceOperation:
                    return true; // a value the graph computed elsewhere
                case ILocalReferenceOperation local when !StableBefore(local.Local, _release, _body):
                    return true;
            }
        }

        foreach (ISymbol symbol in Read(condition, _body, depth: 0))
        {
            if (_deciding.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The symbols the conditions that decide whether <paramref name="release"/> runs read: the conditions of the
    /// <c>if</c>, <c>?:</c>, loops, <c>switch</c>, <c>&amp;&amp;</c>, <c>||</c> and <c>??</c> around it.
    /// </summary>
    private static HashSet<ISymbol> DecidingSymbols(IOperation release, IOperation body)
    {
        var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        IOperation child = release;
        for (IOperation? parent = release.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            IOperation? condition = parent switch
            {
                IConditionalOperation conditional when child != conditional.Condition => conditional.Condition,
                IWhileLoopOperation loop => loop.Condition,
                IForLoopOperation loop => loop.Condition,
                IForEachLoopOperation loop => loop.Collection,
                ISwitchOperation choice => choice.Value,
                ISwitchExpressionOperation choice => choice.Value,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
                    when child == logical.RightOperand => logical.LeftOperand,
                ICoalesceOperation coalesce when child == coalesce.WhenNull => coalesce.Value,
                IConditionalAccessOperation access when child == access.WhenNotNull => access.Operation,
                _ => null,
            };
            if (condition is not null)
            {
                symbols.UnionWith(Read(condition, body, depth: 0));
            }
        }

        return symbols;
    }

    /// <summary>
    /// The variables, fields, properties and methods <paramref name="condition"/> reads, and, for a local assigned
    /// once, those its value was computed from.
    /// </summary>
    private static IEnumerable<ISymbol> Read(IOperation condition, IOperation body, int depth)
    {
        foreach (IOperation part in condition.DescendantsAndSelf())
        {
            switch (part)
            {
                case ILocalReferenceOperation local:
                    yield return local.Local;
                    if (depth < 2)
                    {
                        foreach ((_, IOperation? value) in new DescriptorPlace(local.Local, null).WritesIn(body))
                        {
                            if (value is not null)
                            {
                                foreach (ISymbol source in Read(value, body, depth + 1))
                                {
                                    yield return source;
                                }
                            }
                        }
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    yield return parameter.Parameter;
                    break;
                case IFieldReferenceOperation field:
                    yield return field.Field;
                    break;
                case IPropertyReferenceOperation property:
                    yield return property.Property;
                    break;
                case IInvocationOperation call:
                    yield return call.TargetMethod;
                    break;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="local"/> keeps, from <paramref name="release"/> on, the value it had before: every write
    /// to it comes earlier in the method and is not in a loop around the release.
    /// </summary>
    private static bool StableBefore(ILocalSymbol local, IOperation release, IOperation body)
    {
        foreach ((IOperation write, _) in new DescriptorPlace(local, null).WritesIn(body))
        {
            if (write.Syntax.SpanStart >= release.Syntax.SpanStart || InLoopAround(write, release))
            {
                return false;
            }
        }

        return true;
    }

    private static bool InLoopAround(IOperation write, IOperation release)
    {
        for (IOperation? parent = write.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILoopOperation loop && loop.Syntax.Span.Contains(release.Syntax.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The finally region <paramref name="block"/> ends.</summary>
    private static ControlFlowRegion? FinallyOf(BasicBlock block)
    {
        for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Finally)
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>Where the jumps that run the finally <paramref name="region"/> go on to after it.</summary>
    private List<BasicBlock> AfterFinally(ControlFlowRegion region)
    {
        if (_afterFinally.TryGetValue(region, out List<BasicBlock>? known))
        {
            return known;
        }

        var continuations = new List<BasicBlock>();
        foreach (BasicBlock block in _graph.Blocks)
        {
            foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch is null || !branch.FinallyRegions.Contains(region))
                {
                    continue;
                }

                int index = branch.FinallyRegions.IndexOf(region);
                BasicBlock? next = index + 1 < branch.FinallyRegions.Length
                    ? _graph.Blocks[branch.FinallyRegions[index + 1].FirstBlockOrdinal]
                    : branch.Destination;
                if (next is { Kind: not BasicBlockKind.Exit } && !continuations.Contains(next))
                {
                    continuations.Add(next);
                }
            }
        }

        return _afterFinally[region] = continuations;
    }
}
