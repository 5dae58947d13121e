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
            || DescriptorPlace.Of(descriptor) is not { } place
            || place.Symbol is not ILocalSymbol)
        {
            return null;
        }

        IOperation body = DescriptorPlace.Root(close);
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

        (IOperation Operation, ReleaseKind Kind)? latest = null;
        foreach (IOperation reference in DescriptorReferences.To(place, body))
        {
            if (reference.Syntax.SpanStart >= close.Syntax.SpanStart
                || release.Of(reference) is not { } found
                || found.Operation == close
                || latest is { } known && known.Operation.Syntax.SpanStart >= found.Operation.Syntax.SpanStart
                || WrittenBetween(writes, found.Operation, close)
                || !StraightLine.Follows(found.Operation.Syntax, close.Syntax))
            {
                continue;
            }

            latest = found;
        }

        return latest is var (earlier, kind) ? (earlier, kind, DescriptorPlace.Unwrap(descriptor)!.Syntax.ToString()) : null;
    }

    /// <summary>
    /// Whether the array or pointer is only indexed or handed to calls (which count as writes): copied into another
    /// variable or a field, it may be refilled or closed through the copy where the method cannot see.
    /// </summary>
    private static bool ArrayStaysHere(ISymbol array, IOperation body)
    {
        foreach (IOperation whole in DescriptorReferences.ToWholeArray(array, body))
        {
            if (DescriptorRelease.Outermost(whole).Parent is not IArgumentOperation)
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
