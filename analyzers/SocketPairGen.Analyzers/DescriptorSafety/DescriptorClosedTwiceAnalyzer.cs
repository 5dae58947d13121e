using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0012: a libc <c>close</c> of a local, or an element of a local array or pointer, that the same method already closed, or handed to an
/// owner, on the same straight line with no write to it in between. Reported on the extra close, with the earlier
/// release as additional location. Anything less certain (a branch, a loop, a lambda, a field) stays silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DescriptorClosedTwiceAnalyzer : DescriptorReleaseAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DescriptorClosedTwice];

    /// <inheritdoc/>
    private protected override void AnalyzeInvocation(OperationAnalysisContext context, DescriptorRelease release)
    {
        var close = (IInvocationOperation)context.Operation;
        if (EarlierRelease(close, release) is var (earlier, kind, place))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DescriptorClosedTwice,
                close.Syntax.GetLocation(),
                [earlier.Syntax.GetLocation()],
                place,
                kind == ReleaseKind.Closed ? "closed" : "handed to an owner"));
        }
    }

    /// <summary>
    /// When <paramref name="close"/> is a libc <c>close</c> that SPG0012 flags: the latest earlier release of the same
    /// descriptor it surely follows, how that released it, and the descriptor's text.
    /// </summary>
    internal static (IOperation Earlier, ReleaseKind Kind, string Place)? EarlierRelease(IInvocationOperation close, DescriptorRelease release)
    {
        if (LibcCall.FunctionName(close) != "close"
            || InvocationArguments.ValueOf(close, 0) is not { } descriptor
            || DescriptorPlace.Of(descriptor) is not { } written
            || written.Symbol is not ILocalSymbol)
        {
            return null;
        }

        IOperation body = DescriptorPlace.Root(close);
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

        (IOperation Operation, ReleaseKind Kind)? latest = null;
        foreach ((IOperation reference, DescriptorUse use) in uses)
        {
            if (use.Kind is not (UseKind.Closed or UseKind.HandedToAnOwner)
                || reference.Syntax.SpanStart >= close.Syntax.SpanStart
                || use.Operation == close
                || latest is { } known && known.Operation.Syntax.SpanStart >= use.Operation.Syntax.SpanStart
                || WrittenBetween(writes, use.Operation, close)
                || !StraightLine.Follows(use.Operation.Syntax, close.Syntax))
            {
                continue;
            }

            latest = (use.Operation, use.Kind == UseKind.Closed ? ReleaseKind.Closed : ReleaseKind.HandedToAnOwner);
        }

        return latest is var (earlier, kind) ? (earlier, kind, DescriptorPlace.Unwrap(descriptor)!.Syntax.ToString()) : null;
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
