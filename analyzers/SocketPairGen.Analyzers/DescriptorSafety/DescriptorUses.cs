using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Every read of a descriptor in a method, each with what it does (<see cref="DescriptorRelease.Classify"/>),
/// following the locals it is copied into (<c>int parentEnd = fds[0];</c>) as the same descriptor.
/// </summary>
internal static class DescriptorUses
{
    /// <summary>How many copies of copies are followed.</summary>
    private const int MaxCopies = 4;

    /// <summary>
    /// The uses of the descriptor <paramref name="reads"/> read, and of its copies; writes to the place are left out.
    /// Null when one is in a lambda or local function (the rules cannot tell when that runs).
    /// </summary>
    public static List<(IOperation Reference, DescriptorUse Use)>? Collect(
        IEnumerable<IOperation> reads, IOperation body, DescriptorRelease release, SummaryChain? callers = null) =>
        Collect(reads, body, release, callers, 0);

    /// <summary>The uses of the descriptor kept in <paramref name="place"/> and of its copies (see the other overload).</summary>
    public static List<(IOperation Reference, DescriptorUse Use)>? Collect(DescriptorPlace place, IOperation body, DescriptorRelease release) =>
        Collect(DescriptorReferences.To(place, body), body, release, null, 0);

    private static List<(IOperation Reference, DescriptorUse Use)>? Collect(
        IEnumerable<IOperation> reads, IOperation body, DescriptorRelease release, SummaryChain? callers, int copies)
    {
        var uses = new List<(IOperation, DescriptorUse)>();
        foreach (IOperation reference in reads)
        {
            if (IsWritten(reference))
            {
                continue;
            }

            if (DescriptorReferences.InNestedFunction(reference.Syntax))
            {
                return null;
            }

            DescriptorUse use = release.Classify(reference, callers);
            if (use is { Kind: UseKind.Copied, Copy: { } copy })
            {
                if (copies >= MaxCopies)
                {
                    uses.Add((reference, use with { Kind = UseKind.Lost }));
                    continue;
                }

                if (Collect(DescriptorReferences.To(new DescriptorPlace(copy, null), body), body, release, callers, copies + 1) is not { } copied)
                {
                    return null;
                }

                uses.Add((reference, use));
                uses.AddRange(copied);
                continue;
            }

            uses.Add((reference, use));
        }

        return uses;
    }

    /// <summary>A reference that is the target of an assignment: a write of the place, not a read of the descriptor.</summary>
    private static bool IsWritten(IOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference
        || reference.Parent is IDeclarationExpressionOperation or ITupleOperation { Parent: IDeconstructionAssignmentOperation };
}
