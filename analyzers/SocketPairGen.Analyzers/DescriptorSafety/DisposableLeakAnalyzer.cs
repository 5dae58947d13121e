using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0011: a call of <see cref="DisposableCreators"/> (<c>SocketPair.Create()</c>, <c>ChannelEnd&lt;T&gt;.CreatePair()</c>,
/// <c>ChildProcess.Start(...)</c>, a channel's <c>IFoo.Connect(...)</c>, <c>ChildProcess.OpenInheritedSocket()</c>, a
/// generated client's call that returns a descriptor) creates something that owns descriptors, the result is discarded
/// or stored in a local, and that local is never disposed nor handed off anywhere in the method. Reported on the
/// creating call (as CA2000 does). Any use the rule cannot follow counts as a hand-off. Paths are followed through
/// the method's control flow graph (<see cref="LeakPaths"/>): a path out of the method that passes no disposal nor
/// hand-off is a leak; exception paths only with <see cref="LeakOptions.ExceptionPathsKey"/>.
/// <c>var (a, b) = SocketPair.Create();</c> (or <c>CreatePair()</c>) is reported when an end is discarded or leaks in
/// the same way. A call that returns a task of a descriptor is followed only where it is awaited.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DisposableLeakAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.DisposableLeaked];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (DisposableCreators.For(start.Compilation) is not { } creators)
            {
                return;
            }

            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, creators), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, DisposableCreators creators)
    {
        var creation = (IInvocationOperation)context.Operation;
        if (creators.Describe(creation.TargetMethod) is not { } created)
        {
            return;
        }

        IOperation value = DisposableUses.Outermost(creation);
        if (created.Awaited)
        {
            // A task not awaited right here (stored, returned, awaited later) is not followed: its result is its awaiter's.
            if (Awaited(value) is not { } awaited)
            {
                return;
            }

            value = DisposableUses.Outermost(awaited);
        }

        switch (value.Parent)
        {
            case IExpressionStatementOperation:
            case ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation }:
                Report(context, creation, created.What, Never, null);
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Parent: IExpressionStatementOperation } assignment
                when assignment.Value == value:
                Judge(context, target.Local, creation, created.What, created.Kind, target.Syntax);
                break;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !DisposableUses.IsUsingDeclaration(declarator):
                Judge(context, declarator.Symbol, creation, created.What, created.Kind, null);
                break;
            case IDeconstructionAssignmentOperation { Parent: IExpressionStatementOperation } deconstruction
                when deconstruction.Value == value && created.Ends is { } ends:
                JudgeEnds(context, deconstruction.Target, creation, created.What, ends);
                break;
        }
    }

    /// <summary>The <c>await</c> of <paramref name="task"/>, directly or through <c>ConfigureAwait(...)</c>; null when it is not awaited there.</summary>
    private static IAwaitOperation? Awaited(IOperation task)
    {
        if (task.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == task)
        {
            task = DisposableUses.Outermost(configured);
        }

        return task.Parent as IAwaitOperation;
    }

    private const string Never = "never disposed nor handed off in this method";

    private static void Report(OperationAnalysisContext context, IOperation creation, string description, string how, SyntaxNode? exit, string releases = LeakReleases.None)
    {
        Location[] exits = exit is null ? [] : [exit.GetLocation()];
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(LeakReleases.Property, releases);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.DisposableLeaked, creation.Syntax.GetLocation(), exits, properties, description, how));
    }

    /// <summary>
    /// Reports the creation when a path leaves the method with <paramref name="local"/> neither disposed nor handed
    /// off; silent when the local is captured by a lambda or local function.
    /// </summary>
    private static bool Judge(OperationAnalysisContext context, ILocalSymbol local, IOperation creation, string description, Created kind, SyntaxNode? written)
    {
        if (Escapes(local, creation, kind, written, out bool onlyDisposals) is not { } escapes)
        {
            return false;
        }

        // A descriptor may be null (a nullable result): a test that finds it null, invalid or taken sends nothing on.
        Func<IOperation, bool?> nothingHeldWhenTrue = kind == Created.Handle
            ? condition => ReceivedHandleUses.NothingHeldWhenTrue(
                condition, operation => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            : static _ => null;
        SyntaxNode? exit = null;
        if (escapes.Count > 0
            && !LeakPaths.Exist(context.GetControlFlowGraph(), creation.Syntax, escapes, nothingHeldWhenTrue,
                LeakOptions.ExceptionPaths(context.Options, creation.Syntax.SyntaxTree), out exit))
        {
            return false;
        }

        Report(context, creation, description, escapes.Count == 0 ? Never : "not disposed nor handed off on every path out of this method", exit,
            escapes.Count == 0 ? LeakReleases.None : onlyDisposals ? LeakReleases.Disposals : LeakReleases.Other);
        return true;
    }

    /// <summary>
    /// <c>var (a, b) = SocketPair.Create();</c> or <c>ChannelEnd&lt;T&gt;.CreatePair()</c>: the pair is unreachable, so
    /// an end that is discarded, or is a local not disposed nor handed off on some path, leaks. An end stored anywhere
    /// else (a field, a property) is handed off. One report for the pair.
    /// </summary>
    private static void JudgeEnds(OperationAnalysisContext context, IOperation target, IOperation creation, string description, Created ends)
    {
        if (target is IDeclarationExpressionOperation declaration)
        {
            target = declaration.Expression;
        }

        if (target is not ITupleOperation { Elements.Length: 2 } tuple)
        {
            return;
        }

        foreach (IOperation element in tuple.Elements)
        {
            IOperation end = element is IDeclarationExpressionOperation declared ? declared.Expression : element;
            if (end is IDiscardOperation)
            {
                Report(context, creation, description, Never, null);
                return;
            }

            if (end is ILocalReferenceOperation local && Judge(context, local.Local, creation, description, ends, local.Syntax))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The references to <paramref name="local"/> after which the method may no longer hold the object: a disposal, a
    /// hand-off, any use the rule cannot follow. Null when one is in a lambda or local function.
    /// </summary>
    private static HashSet<SyntaxNode>? Escapes(ILocalSymbol local, IOperation creation, Created kind, SyntaxNode? written, out bool onlyDisposals)
    {
        onlyDisposals = true;
        IOperation root = DescriptorPlace.Root(creation);
        var escapes = new HashSet<SyntaxNode>();
        foreach (IOperation operation in MethodOperations.Of(root))
        {
            if (operation is not ILocalReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Local, local)
                || reference.Syntax == written)
            {
                continue;
            }

            if (IsCaptured(reference, local))
            {
                return null;
            }

            if (!Harmless(reference, kind))
            {
                onlyDisposals &= kind == Created.Handle ? ReceivedHandleUses.Of(reference) == HandleUse.Disposal : DisposableUses.IsDisposal(reference);
                escapes.Add(reference.Syntax);
            }
        }

        return escapes;
    }

    /// <summary>A reference inside a lambda or local function that does not declare the local itself.</summary>
    private static bool IsCaptured(IOperation reference, ILocalSymbol local)
    {
        for (IOperation? parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return !SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, parent switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    ILocalFunctionOperation function => function.Symbol,
                    _ => null,
                });
            }
        }

        return false;
    }

    /// <summary>
    /// A use that neither disposes nor hands off the object: an assignment of something else to the local; for a
    /// descriptor, what <see cref="ReceivedHandleUses"/> finds harmless; for the rest, a member access on it (but for
    /// <c>Dispose</c>, <c>DisposeAsync</c> and method groups) or a comparison. For a pair, an end (<c>First</c>,
    /// <c>Second</c>) that goes anywhere but a member access counts as a hand-off: the rule cannot tell which end
    /// still needs the pair.
    /// </summary>
    private static bool Harmless(IOperation reference, Created kind)
    {
        IOperation value = DisposableUses.Outermost(reference);
        if (value.Parent is ISimpleAssignmentOperation assignment && assignment.Target == value)
        {
            return true;
        }

        if (kind == Created.Handle)
        {
            return ReceivedHandleUses.Of(reference) == HandleUse.Harmless;
        }

        bool isPair = kind != Created.Owner;
        switch (value.Parent)
        {
            case IBinaryOperation:
                return true;
            case IInvocationOperation invocation when invocation.Instance == value:
                return !DisposableUses.IsDispose(invocation.TargetMethod);
            case IPropertyReferenceOperation property when property.Instance == value:
                return !isPair || EndStays(property, kind);
            case IFieldReferenceOperation field when field.Instance == value:
                return !isPair || EndStays(field, kind);
            case IConditionalAccessOperation conditional when conditional.Operation == value:
                return conditional.WhenNotNull switch
                {
                    IInvocationOperation { Instance: IConditionalAccessInstanceOperation } invocation => !DisposableUses.IsDispose(invocation.TargetMethod),
                    IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } => !isPair,
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>
    /// An end of a pair that stays with the pair: a channel end's as <see cref="ReceivedHandleUses"/> reads it (a
    /// <c>TakeSocket()</c> hands its socket over), a socket's when it is only the receiver of a call or property that
    /// is not a disposal.
    /// </summary>
    private static bool EndStays(IOperation end, Created pair) =>
        pair == Created.ChannelEnds ? ReceivedHandleUses.Of(end) == HandleUse.Harmless : ReceiverOnly(end);

    /// <summary>The member's value is only used as the receiver of a call or property that is not a disposal.</summary>
    private static bool ReceiverOnly(IOperation member)
    {
        IOperation value = DisposableUses.Outermost(member);
        return value.Parent switch
        {
            IInvocationOperation invocation when invocation.Instance == value => !DisposableUses.IsDispose(invocation.TargetMethod),
            IPropertyReferenceOperation property when property.Instance == value => true,
            IBinaryOperation => true,
            _ => false,
        };
    }
}
