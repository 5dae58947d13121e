using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0020: <c>posix_spawn_file_actions_adddup2(actions, fd, n)</c> maps into the child a descriptor this method
/// created, and some path after the <c>posix_spawn</c>/<c>posix_spawnp</c> neither closes it nor hands it to an owner
/// (closed only when the spawn failed, only in one branch). Paths are followed from the spawn through the control flow
/// graph (<see cref="LeakPaths"/>; exceptions are not). Reported on the adddup2, with the spawn as additional location
/// (the code fix closes the descriptor after it); the <see cref="LeakReleases.Property"/> property says whether some
/// path releases it already. Silent whenever the descriptor goes anywhere the method cannot follow.
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
        if (SpawnAfter(mapping, body) is not { } spawn
            || ReleasesAfter(spawn, place, creator, body, release) is not { } releases
            || releases.Count > 0 && !LeakPaths.Exist(context.GetControlFlowGraph(), spawn.Syntax, releases, static _ => null, exceptionPaths: false, out _, recreationLeaks: false))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SpawnedDescriptorNotClosed,
            mapping.Syntax.GetLocation(),
            [spawn.Syntax.GetLocation()],
            ImmutableDictionary<string, string?>.Empty.Add(LeakReleases.Property, releases.Count == 0 ? LeakReleases.None : LeakReleases.Other),
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
    /// The reads of the descriptor (and of its copies) after the spawn that let go of it: a close, a hand-off to an
    /// owner, or anything unknown. Null when the rule cannot see everything done with it: a use in a lambda, the array
    /// going elsewhere, or a release before the spawn.
    /// </summary>
    private static HashSet<SyntaxNode>? ReleasesAfter(
        IInvocationOperation spawn, DescriptorPlace place, IInvocationOperation creator, IOperation body, DescriptorRelease release)
    {
        if (DescriptorUses.Collect(place, body, release) is not { } uses)
        {
            return null;
        }

        var releases = new HashSet<SyntaxNode>();
        foreach ((IOperation reference, DescriptorUse use) in uses)
        {
            if (!use.LetsGo || IsMapping(use.Operation))
            {
                continue;
            }

            if (reference.Syntax.SpanStart < spawn.Syntax.SpanStart)
            {
                return null;
            }

            releases.Add(reference.Syntax);
        }

        if (place.Index is not null)
        {
            foreach (IOperation whole in DescriptorReferences.ToWholeArray(place.Symbol, body))
            {
                if (!(DescriptorRelease.Outermost(whole).Parent is IArgumentOperation { Parent: { } call } && call == creator || DescriptorPlace.IsPinning(whole)))
                {
                    return null;
                }
            }
        }

        return releases;
    }

    /// <summary>A mapping into the child (this one or another of the same descriptor): what the rule judges, not a release.</summary>
    private static bool IsMapping(IOperation operation) =>
        operation is IInvocationOperation call && LibcCall.FunctionName(call) == "posix_spawn_file_actions_adddup2";
}
