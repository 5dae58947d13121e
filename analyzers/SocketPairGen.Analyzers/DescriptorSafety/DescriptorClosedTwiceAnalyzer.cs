using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0012: a libc <c>close</c> of a local, or an element of a local array, span or pointer (or a copy of one), reached
/// on some path after the same method already closed the descriptor or handed it to an owner, with no write to it in
/// between. Paths are followed through the control flow graph (<see cref="ClosedAgainPaths"/>); a branch whose outcome
/// may depend on the first release is not followed. Reported on the extra close, with the earlier release as
/// additional location, and, when every path to the close passes a release, the property that lets the code fix
/// remove it. Anything less certain (a lambda, a field, a place written through its address) stays silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DescriptorClosedTwiceAnalyzer : DescriptorReleaseAnalyzer
{
    /// <summary>
    /// The diagnostic property set to <c>true</c> when every path to the close has released the descriptor already:
    /// removing the close then changes nothing but the double close.
    /// </summary>
    internal const string RedundantProperty = "Redundant";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DescriptorClosedTwice];

    /// <inheritdoc/>
    private protected override void AnalyzeInvocation(OperationAnalysisContext context, DescriptorRelease release)
    {
        var close = (IInvocationOperation)context.Operation;
        if (EarlierRelease(close, release, context.GetControlFlowGraph) is var (earlier, kind, place, redundant))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DescriptorClosedTwice,
                close.Syntax.GetLocation(),
                [earlier.Syntax.GetLocation()],
                redundant ? ImmutableDictionary<string, string?>.Empty.Add(RedundantProperty, "true") : ImmutableDictionary<string, string?>.Empty,
                place,
                kind == ReleaseKind.Closed ? "closed" : "handed to an owner"));
        }
    }

    /// <summary>
    /// When <paramref name="close"/> is a libc <c>close</c> that SPG0012 flags: an earlier release of the same
    /// descriptor some path leads from, how that released it, the descriptor's text, and whether every path to the
    /// close passes a release.
    /// </summary>
    internal static (IOperation Earlier, ReleaseKind Kind, string Place, bool Redundant)? EarlierRelease(
        IInvocationOperation close, DescriptorRelease release, Func<ControlFlowGraph> graphOf)
    {
        if (LibcCall.FunctionName(close) != "close"
            || InvocationArguments.ValueOf(close, 0) is not { } descriptor
            || DescriptorPlace.Of(descriptor) is not { } written
            || written.Symbol is not ILocalSymbol
            || DescriptorReferences.InNestedFunction(close.Syntax))
        {
            return null;
        }

        IOperation body = DescriptorPlace.Root(close);
        if (OnlyThisClose(body, (ILocalSymbol)written.Symbol, descriptor))
        {
            return null; // the common case, settled before any search: nothing else in the method can release it
        }

        DescriptorPlace place = Origin(written, descriptor, release);
        if (place.Index is not null && !ArrayStaysHere(place.Symbol, body))
        {
            return null;
        }

        var writes = ImmutableArray.CreateBuilder<IOperation>();
        foreach ((IOperation write, _) in place.WritesIn(body))
        {
            // A write the method cannot order (in a lambda, or through a pointer to the place) leaves it unknown.
            if (write is IAddressOfOperation || DescriptorReferences.InNestedFunction(write.Syntax))
            {
                return null;
            }

            writes.Add(write);
        }

        if (DescriptorUses.Collect(place, body, release) is not { } uses)
        {
            return null;
        }

        var releases = new List<(IOperation Operation, ReleaseKind Kind)>();
        foreach ((_, DescriptorUse use) in uses)
        {
            if (use.Kind is UseKind.Closed or UseKind.HandedToAnOwner && use.Operation != close)
            {
                releases.Add((use.Operation, use.Kind == UseKind.Closed ? ReleaseKind.Closed : ReleaseKind.HandedToAnOwner));
            }
        }

        // The latest release first: the one the close most plainly repeats.
        releases.Sort((a, b) => b.Operation.Syntax.SpanStart.CompareTo(a.Operation.Syntax.SpanStart));
        ControlFlowGraph? graph = null;
        foreach ((IOperation earlier, ReleaseKind kind) in releases)
        {
            bool straight = earlier.Syntax.SpanStart < close.Syntax.SpanStart
                && !WrittenBetween(writes, earlier, close)
                && StraightLine.Follows(earlier.Syntax, close.Syntax);
            if (!straight && (ForgottenAfter(earlier, close, writes) || !ClosedAgainPaths.Exist(graph ??= graphOf(), earlier, close.Syntax, writes.ToImmutable())))
            {
                continue;
            }

            var others = new List<IOperation>();
            foreach ((IOperation operation, _) in releases)
            {
                others.Add(operation);
            }

            // On one straight line, the close always comes after the release; elsewhere every path to it must pass one,
            // and a close in a handler also runs on the exception paths this rule does not follow.
            bool redundant = straight
                || !InHandler(close.Syntax) && ClosedAgainPaths.AlwaysAfterRelease(graph ??= graphOf(), close.Syntax, writes.ToImmutable(), others);
            return (earlier, kind, DescriptorPlace.Unwrap(descriptor)!.Syntax.ToString(), redundant);
        }

        return null;
    }

    /// <summary>
    /// Whether the local <paramref name="descriptor"/> reads is mentioned only by its declaration, initialized from
    /// something that is not another place (a call, not a copy), and by this one read: then no other read can close it
    /// or hand it over, and it is no copy of a descriptor released elsewhere.
    /// </summary>
    private static bool OnlyThisClose(IOperation body, ILocalSymbol local, IOperation descriptor)
    {
        IReadOnlyList<IOperation> mentions = MethodOperations.MentionsOf(body, local);
        return mentions.Count == 2
            && mentions[0] is IVariableDeclaratorOperation { Initializer.Value: { } initial }
            && DescriptorPlace.Of(initial) is null
            && mentions[1] == DescriptorPlace.Unwrap(descriptor);
    }

    /// <summary>
    /// Whether a write to the place surely follows <paramref name="earlier"/> before anything else can happen
    /// (<c>_fd = fd; fd = -1;</c>), so no path reaches <paramref name="close"/> from it with the descriptor unchanged.
    /// </summary>
    private static bool ForgottenAfter(IOperation earlier, IOperation close, ImmutableArray<IOperation>.Builder writes)
    {
        foreach (IOperation write in writes)
        {
            if (StraightLine.Passes(earlier.Syntax, write.Syntax)
                && !(close.Syntax.SpanStart > earlier.Syntax.SpanStart && close.Syntax.SpanStart < write.Syntax.SpanStart))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A close in a <c>catch</c> or <c>finally</c> also runs on paths this rule does not follow (exceptions).</summary>
    private static bool InHandler(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            if (ancestor is CatchClauseSyntax or FinallyClauseSyntax)
            {
                return true;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The place the descriptor in <paramref name="place"/> was copied from, when it is a copy the rules follow
    /// (<c>int parentEnd = fds[0];</c>): closing either closes both.
    /// </summary>
    private static DescriptorPlace Origin(DescriptorPlace place, IOperation read, DescriptorRelease release)
    {
        for (int copies = 0; copies < 4 && place.Index is null; copies++)
        {
            if (DescriptorOrigin.SingleWriteBefore(place, read) is not (_, { } value)
                || DescriptorPlace.Of(value) is not { } source
                || release.Classify(DescriptorPlace.Unwrap(value)!) is not { Kind: UseKind.Copied })
            {
                break;
            }

            place = source;
            read = value;
        }

        return place;
    }

    /// <summary>
    /// Whether the array or pointer is only indexed, handed to calls (which count as writes) or pinned by a
    /// <c>fixed</c> statement: copied into another variable or a field, it may be refilled or closed through the copy
    /// where the method cannot see.
    /// </summary>
    private static bool ArrayStaysHere(ISymbol array, IOperation body)
    {
        foreach (IOperation whole in DescriptorReferences.ToWholeArray(array, body))
        {
            if (DescriptorRelease.Outermost(whole).Parent is not IArgumentOperation && !DescriptorPlace.IsPinning(whole))
            {
                return false;
            }
        }

        return true;
    }

    private static bool WrittenBetween(ImmutableArray<IOperation>.Builder writes, IOperation first, IOperation second)
    {
        foreach (IOperation write in writes)
        {
            if (write.Syntax.SpanStart > first.Syntax.SpanStart && write.Syntax.SpanStart < second.Syntax.SpanStart)
            {
                return true;
            }
        }

        return false;
    }
}
