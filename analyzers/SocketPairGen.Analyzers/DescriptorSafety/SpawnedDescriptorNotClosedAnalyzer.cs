using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0020: <c>posix_spawn_file_actions_adddup2(actions, fd, n)</c> maps into the child a descriptor this method
/// created, and after the <c>posix_spawn</c>/<c>posix_spawnp</c> the parent never closes it nor hands it to an owner.
/// Reported on the adddup2, with the spawn as additional location (the code fix closes the descriptor after it).
/// Silent whenever the descriptor goes anywhere the method cannot follow.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpawnedDescriptorNotClosedAnalyzer : DescriptorReleaseAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.SpawnedDescriptorNotClosed];

    /// <inheritdoc/>
    private protected override void AnalyzeInvocation(OperationAnalysisContext context, DescriptorRelease release)
    {
        var mapping = (IInvocationOperation)context.Operation;
        if (LibcCall.FunctionName(mapping) != "posix_spawn_file_actions_adddup2"
            || InvocationArguments.ValueOf(mapping, 1) is not { } descriptor
            || DescriptorPlace.Of(descriptor) is not { } written
            || written is { Index: null, Symbol: not ILocalSymbol }
            || DescriptorOrigin.Following(descriptor) is not var (creator, _, place))
        {
            return;
        }

        IOperation body = DescriptorPlace.Root(mapping);
        if (SpawnAfter(mapping, body) is not { } spawn || !Followable(place, creator, body, release))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SpawnedDescriptorNotClosed,
            mapping.Syntax.GetLocation(),
            [spawn.Syntax.GetLocation()],
            DescriptorPlace.Unwrap(descriptor)!.Syntax.ToString(),
            LibcCall.FunctionName(spawn)));
    }

    /// <summary>The first <c>posix_spawn</c> or <c>posix_spawnp</c> of the method after <paramref name="mapping"/>.</summary>
    private static IInvocationOperation? SpawnAfter(IInvocationOperation mapping, IOperation body)
    {
        IInvocationOperation? first = null;
        foreach (IOperation operation in MethodOperations.Of(body))
        {
            if (operation is IInvocationOperation call
                && call.Syntax.SpanStart > mapping.Syntax.SpanStart
                && LibcCall.FunctionName(call) is "posix_spawn" or "posix_spawnp"
                && (first is null || call.Syntax.SpanStart < first.Syntax.SpanStart))
            {
                first = call;
            }
        }

        return first;
    }

    /// <summary>
    /// Whether every use of the descriptor (and of its copies) is one the method can see through and none lets go of
    /// it: it is only passed to libc functions that do not close it, compared, copied into a struct the method keeps or
    /// read by a helper. A close, a hand-off to an owner, anything unknown, or the array going elsewhere ends the
    /// question: the rule stays silent.
    /// </summary>
    private static bool Followable(DescriptorPlace place, IInvocationOperation creator, IOperation body, DescriptorRelease release)
    {
        if (DescriptorUses.Collect(place, body, release) is not { } uses)
        {
            return false;
        }

        foreach ((_, DescriptorUse use) in uses)
        {
            if (use.LetsGo && !IsMapping(use.Operation))
            {
                return false;
            }
        }

        if (place.Index is null)
        {
            return true;
        }

        foreach (IOperation whole in DescriptorReferences.ToWholeArray(place.Symbol, body))
        {
            if (!(DescriptorRelease.Outermost(whole).Parent is IArgumentOperation { Parent: { } call } && call == creator || DescriptorPlace.IsPinning(whole)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A mapping into the child (this one or another of the same descriptor): what the rule judges, not a release.</summary>
    private static bool IsMapping(IOperation operation) =>
        operation is IInvocationOperation call && LibcCall.FunctionName(call) == "posix_spawn_file_actions_adddup2";
}
