using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The libc call that created a descriptor, when the method proves it: the place the descriptor is read from is
/// written exactly once in the method, before the read, and that write is a creating call (its result, or the array
/// a <c>socketpair</c> or <c>pipe</c> fills). Anything else (a parameter, a second write, a value handed over by
/// another call) has no origin: the rules never guess.
/// </summary>
internal static class DescriptorOrigin
{
    /// <summary>The creating call of the descriptor <paramref name="descriptor"/> reads, or null when not provable.</summary>
    public static (IInvocationOperation Call, DescriptorCreator Creator)? Of(IOperation descriptor)
    {
        if (DescriptorPlace.Of(descriptor) is not { } place)
        {
            return null;
        }

        if (SingleWriteBefore(place, descriptor) is not { } single)
        {
            return null;
        }

        if (place.Index is null)
        {
            return DescriptorPlace.Unwrap(single.Value) is IInvocationOperation call
                && DescriptorCreators.Of(call) is { DescriptorsOrdinal: null } creator
                ? (call, creator)
                : null;
        }

        // An element: the one write must be the array handed to a creator in the place it fills.
        return single.Write is IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation filler }
            && DescriptorCreators.Find(LibcCall.FunctionName(filler)) is { DescriptorsOrdinal: { } ordinal } filled
            && ordinal == parameter.Ordinal
            && place.Index is 0 or 1
            ? (filler, filled)
            : null;
    }

    /// <summary>
    /// The creating call of the descriptor <paramref name="descriptor"/> reads, following the copies it was made
    /// through (<c>int childEnd = fds[1];</c>), and the place the creating call wrote it into; null when not provable.
    /// </summary>
    public static (IInvocationOperation Call, DescriptorCreator Creator, DescriptorPlace Place)? Following(IOperation descriptor)
    {
        for (int copies = 0; copies <= MaxCopies && DescriptorPlace.Of(descriptor) is { } place; copies++)
        {
            if (Of(descriptor) is var (call, creator))
            {
                return (call, creator, place);
            }

            if (place.Index is not null
                || SingleWriteBefore(place, descriptor) is not (_, { } value)
                || DescriptorPlace.Of(value) is null)
            {
                return null;
            }

            descriptor = value;
        }

        return null;
    }

    private const int MaxCopies = 4;

    /// <summary>
    /// The one write to <paramref name="place"/> in the method of <paramref name="read"/>, when there is exactly one
    /// and it comes before the read; null otherwise.
    /// </summary>
    public static (IOperation Write, IOperation? Value)? SingleWriteBefore(DescriptorPlace place, IOperation read)
    {
        (IOperation Write, IOperation? Value)? only = null;
        foreach ((IOperation Write, IOperation? Value) write in place.WritesIn(DescriptorPlace.Root(read)))
        {
            if (only is not null)
            {
                return null;
            }

            only = write;
        }

        return only is { } single && single.Write.Syntax.SpanStart < read.Syntax.SpanStart ? single : null;
    }
}
