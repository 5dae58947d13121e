using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0010: a libc call creates a descriptor into a local (or into a local array or pointer, for
/// <c>socketpair</c>/<c>pipe</c>/<c>pipe2</c>) and some path out of the method neither closes it nor hands it to an
/// owner. Reported on the creating call, with the <c>return</c> the leaking path takes as a second location when
/// there is one. Any use the rule cannot follow (anything but a libc call that neither closes nor adopts it, or a
/// comparison) counts as letting go of it. Paths are followed through the method's control flow graph
/// (<see cref="LeakPaths"/>); the failed side of a failure test (<c>if (fd &lt; 0) return;</c>) is not a path, and
/// exception paths count only with <see cref="LeakOptions.ExceptionPathsKey"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DescriptorLeakAnalyzer : DescriptorReleaseAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DescriptorLeaked];

    /// <inheritdoc/>
    private protected override void AnalyzeInvocation(OperationAnalysisContext context, DescriptorRelease release)
    {
        var call = (IInvocationOperation)context.Operation;
        string? function = LibcCall.FunctionName(call);
        if (DescriptorCreators.Of(call) is not { } creator
            || function is "dup2" or "dup3"
            || DescriptorReferences.InNestedFunction(call.Syntax))
        {
            // dup2/dup3 return the target number the caller chose (often 0, 1 or 2): not a new descriptor to close.
            return;
        }

        IOperation body = DescriptorPlace.Root(call);
        if (PlacesWritten(call, creator, body) is not { } places)
        {
            return;
        }

        FailureTest? failureTest = null;
        foreach ((DescriptorPlace place, _) in places)
        {
            if (Escapes(place, call, body, release, out bool onlyCloseStatements) is not { } escapes)
            {
                continue; // it goes somewhere the rule cannot follow
            }

            SyntaxNode? exit = null;
            if (escapes.Count > 0)
            {
                failureTest ??= new FailureTest(IsResultOf(call, place), creator.DescriptorsOrdinal is null);
                bool exceptionPaths = LeakOptions.ExceptionPaths(context.Options, call.Syntax.SyntaxTree);
                if (!exceptionPaths && StraightRelease.Proved(call.Syntax, escapes, MethodOperations.Of(body), failureTest.FailureWhenTrue))
                {
                    continue; // released on every path, provably without building the graph
                }

                if (!LeakPaths.Exist(context.GetControlFlowGraph(), call.Syntax, escapes, failureTest.FailureWhenTrue, exceptionPaths, out exit))
                {
                    continue;
                }
            }

            string how = escapes.Count == 0
                ? "never closed nor handed to an owner in this method"
                : "not closed nor handed to an owner on every path out of this method";
            Location[] exits = exit is null ? [] : [exit.GetLocation()];
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(LeakReleases.Property, escapes.Count == 0 ? LeakReleases.None : onlyCloseStatements ? LeakReleases.CloseStatements : LeakReleases.Other);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DescriptorLeaked, call.Syntax.GetLocation(), exits, properties, function, how));
            return;
        }
    }

    /// <summary>
    /// Whether an operation of the control flow graph is the creating call's result: the call itself, an assignment
    /// of it, the descriptor's local (for a call returning it) or the local holding the call's result code.
    /// </summary>
    private static Func<IOperation, bool> IsResultOf(IInvocationOperation call, DescriptorPlace place)
    {
        ILocalSymbol? resultLocal = DescriptorRelease.Outermost(call).Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        ISymbol? descriptorLocal = place.Index is null ? place.Symbol : null;
        return operation => operation switch
        {
            IInvocationOperation => operation.Syntax == call.Syntax,
            ISimpleAssignmentOperation assignment => DescriptorPlace.Unwrap(assignment.Value)?.Syntax == call.Syntax,
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, resultLocal)
                || SymbolEqualityComparer.Default.Equals(local.Local, descriptorLocal),
            _ => false,
        };
    }

    /// <summary>
    /// The places the call writes its descriptors into, each with the one write to it in the method (the call's
    /// assignment or the array argument); null when the method writes them anywhere else too, or when they are not
    /// a plain local or an element of a local array or pointer the method allocates itself.
    /// </summary>
    private static List<(DescriptorPlace Place, IOperation Write)>? PlacesWritten(IInvocationOperation call, DescriptorCreator creator, IOperation body)
    {
        var places = new List<(DescriptorPlace, IOperation)>();
        if (creator.DescriptorsOrdinal is not { } ordinal)
        {
            IOperation result = DescriptorRelease.Outermost(call);
            ILocalSymbol? local;
            IOperation write;
            switch (result.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    local = declarator.Symbol;
                    write = declarator;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when assignment.Value == result && StatementOrComparison(assignment):
                    local = target.Local;
                    write = assignment;
                    break;
                default:
                    return null;
            }

            if (local.IsRef || local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64))
            {
                return null;
            }

            places.Add((new DescriptorPlace(local, null), write));
        }
        else
        {
            IArgumentOperation? array = null;
            foreach (IArgumentOperation argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    array = argument;
                }
            }

            if (array is null || Storage(array) is not { } local || !AllocatedAtDeclaration(local))
            {
                return null;
            }

            places.Add((new DescriptorPlace(local, 0), array));
            places.Add((new DescriptorPlace(local, 1), array));
        }

        foreach ((DescriptorPlace place, IOperation write) in places)
        {
            foreach ((IOperation other, _) in place.WritesIn(body))
            {
                if (other != write)
                {
                    return null;
                }
            }
        }

        return places;
    }

    /// <summary><c>fd = open(...);</c> as a statement, or compared at once: <c>if ((fd = open(...)) &lt; 0)</c>.</summary>
    private static bool StatementOrComparison(IOperation assignment)
    {
        IOperation outer = DescriptorRelease.Outermost(assignment);
        return outer.Parent is IExpressionStatementOperation || DescriptorRelease.IsComparison(outer.Parent);
    }

    /// <summary>
    /// The local whose elements a creating call fills: the array, span or pointer passed (<c>fds</c>, or the pointer
    /// a <c>fixed</c> statement pins it into), or the array whose first element is passed by reference
    /// (<c>ref fds[0]</c>).
    /// </summary>
    private static ILocalSymbol? Storage(IArgumentOperation array)
    {
        if (array.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
        {
            return DescriptorPlace.Of(array.Value) is { Index: 0, Symbol: ILocalSymbol first } ? first : null;
        }

        return DescriptorPlace.Variable(array.Value) as ILocalSymbol;
    }

    /// <summary>
    /// An array, span or pointer local declared with its own fresh storage (<c>new int[2]</c>, <c>{ -1, -1 }</c>,
    /// <c>[-1, -1]</c>, <c>stackalloc int[2]</c>): not an alias of another array, not a pointer into one.
    /// </summary>
    private static bool AllocatedAtDeclaration(ILocalSymbol local)
    {
        if (local.IsRef
            || !(local.Type is IArrayTypeSymbol or IPointerTypeSymbol || DescriptorPlace.IsSpan(local.Type))
            || local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        return local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax
        {
            Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax },
            Initializer.Value: ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or InitializerExpressionSyntax
                or CollectionExpressionSyntax or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax,
        };
    }

    /// <summary>
    /// The reads of the descriptor in <paramref name="place"/> (and in the locals it is copied into) after which the
    /// method may no longer hold it: a close, a hand-off to an owner, or any use the rules cannot follow. Null when one
    /// of them is in a lambda or local function (the rule cannot tell when that runs) or, for an element, when the whole
    /// array is used anywhere but in the creating call (and the <c>fixed</c> statement that pins it for the call).
    /// </summary>
    private static HashSet<SyntaxNode>? Escapes(
        DescriptorPlace place, IInvocationOperation creator, IOperation body, DescriptorRelease release, out bool onlyCloseStatements)
    {
        var escapes = new HashSet<SyntaxNode>();
        onlyCloseStatements = true;
        if (DescriptorUses.Collect(place, body, release) is not { } uses)
        {
            return null;
        }

        foreach ((IOperation reference, DescriptorUse use) in uses)
        {
            if (!use.LetsGo)
            {
                continue;
            }

            // The code fix turns libc close(fd); statements of the local itself into disposals of its handle.
            onlyCloseStatements &= use.IsLibcClose && use.Operation.Parent is IExpressionStatementOperation
                && DescriptorPlace.Of(reference) == place;
            escapes.Add(reference.Syntax);
        }

        if (place.Index is not null)
        {
            foreach (IOperation whole in DescriptorReferences.ToWholeArray(place.Symbol, body))
            {
                if (DescriptorRelease.Outermost(whole).Parent is IArgumentOperation { Parent: { } call } && call == creator
                    || DescriptorPlace.IsPinning(whole))
                {
                    continue;
                }

                // The array goes elsewhere (an alias, a call): its elements may be closed through it.
                return null;
            }
        }

        return escapes;
    }
}
