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
        if (DescriptorCreators.Find(function) is not { } creator
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
        foreach ((DescriptorPlace place, IOperation write) in places)
        {
            if (Escapes(place, write, call, body, release, out bool onlyCloseStatements) is not { } escapes)
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

            if (array is null || DescriptorPlace.Variable(array.Value) is not ILocalSymbol local || !AllocatedAtDeclaration(local))
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
        return outer.Parent is IExpressionStatementOperation || IsComparison(outer.Parent);
    }

    /// <summary>
    /// An array or pointer local declared with its own fresh storage (<c>new int[2]</c>, <c>stackalloc int[2]</c>):
    /// not an alias of another array, not a <c>fixed</c> pointer into one, not a span.
    /// </summary>
    private static bool AllocatedAtDeclaration(ILocalSymbol local)
    {
        if (local.IsRef || local.Type is not (IArrayTypeSymbol or IPointerTypeSymbol) || local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        return local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax
        {
            Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax },
            Initializer.Value: ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
                or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax,
        };
    }

    /// <summary>
    /// The reads of the descriptor in <paramref name="place"/> after which the method may no longer hold it: a close,
    /// a hand-off to an owner, or any use but an argument to a libc function that neither closes nor adopts it and a
    /// comparison. Null when one of them is in a lambda or local function (the rule cannot tell when that runs) or,
    /// for an element, when the whole array is used anywhere but in the creating call.
    /// </summary>
    private static HashSet<SyntaxNode>? Escapes(
        DescriptorPlace place, IOperation write, IInvocationOperation creator, IOperation body, DescriptorRelease release, out bool onlyCloseStatements)
    {
        var escapes = new HashSet<SyntaxNode>();
        onlyCloseStatements = true;
        IOperation? writtenTarget = write is ISimpleAssignmentOperation assignment ? assignment.Target : null;
        foreach (IOperation reference in DescriptorReferences.To(place, body))
        {
            if (reference == writtenTarget)
            {
                continue;
            }

            if (DescriptorReferences.InNestedFunction(reference.Syntax))
            {
                return null;
            }

            (IOperation Operation, ReleaseKind Kind)? released = release.Of(reference);
            if (released is null && Harmless(reference))
            {
                continue;
            }

            onlyCloseStatements &= released is ({ Parent: IExpressionStatementOperation }, ReleaseKind.Closed);
            escapes.Add(reference.Syntax);
        }

        if (place.Index is not null)
        {
            foreach (IOperation whole in DescriptorReferences.ToWholeArray(place.Symbol, body))
            {
                if (DescriptorRelease.Outermost(whole).Parent is IArgumentOperation { Parent: { } call } && call == creator)
                {
                    continue;
                }

                // The array goes elsewhere (an alias, a fixed pointer, a call): its elements may be closed through it.
                return null;
            }
        }

        return escapes;
    }

    /// <summary>A read that keeps the descriptor where it is: an argument to a libc function that neither closes nor adopts it, or a comparison.</summary>
    private static bool Harmless(IOperation reference)
    {
        IOperation? user = DescriptorRelease.Outermost(reference).Parent;
        return (user is IArgumentOperation { Parent: IInvocationOperation libc } && LibcCall.FunctionName(libc) is { } function && !Adopts(function))
            || IsComparison(user);
    }

    /// <summary>
    /// libc functions that close the descriptor, make something else own it, or hand it to a child process (SPG0020
    /// judges the mapped descriptor): the rule cannot tell what becomes of it afterwards.
    /// </summary>
    private static bool Adopts(string function) =>
        function is "close_range" or "closefrom" or "fdopen" or "fdopendir" or "posix_spawn_file_actions_adddup2";

    /// <summary>A comparison: <c>fd &lt; 0</c>, <c>fd == -1</c>, or a constant or relational pattern (<c>fd is &lt; 0</c>, <c>fd is not -1</c>).</summary>
    private static bool IsComparison(IOperation? operation) => operation switch
    {
        IBinaryOperation
        {
            OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
        } => true,
        IIsPatternOperation { Pattern: var pattern } => ComparesOnly(pattern),
        _ => false,
    };

    /// <summary>A pattern that only compares with constants: it declares no variable that could copy the descriptor.</summary>
    private static bool ComparesOnly(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation or IRelationalPatternOperation => true,
        INegatedPatternOperation negated => ComparesOnly(negated.Pattern),
        IBinaryPatternOperation binary => ComparesOnly(binary.LeftPattern) && ComparesOnly(binary.RightPattern),
        _ => false,
    };
}
