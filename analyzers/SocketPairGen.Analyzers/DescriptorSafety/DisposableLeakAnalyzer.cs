using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0011: <c>SocketPair.Create()</c>, <c>ChildProcess.Start(...)</c>, a channel's <c>IFoo.Connect(...)</c> or
/// <c>ChildProcess.OpenInheritedSocket()</c> creates an object that owns descriptors, the result is discarded or
/// stored in a local, and that local is never disposed nor handed off anywhere in the method. Reported on the
/// creating call (as CA2000 does). Any use the rule cannot follow counts as a hand-off. Paths are followed through
/// the method's control flow graph (<see cref="LeakPaths"/>): a path out of the method that passes no disposal nor
/// hand-off is a leak; exception paths only with <see cref="LeakOptions.ExceptionPathsKey"/>.
/// <c>var (a, b) = SocketPair.Create();</c> is reported when an end is discarded or leaks in the same way.
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
            if (start.Compilation.GetTypeByMetadataName("SocketPairGen.SocketPair") is not { } socketPair)
            {
                return;
            }

            var creators = new Creators(
                socketPair,
                start.Compilation.GetTypeByMetadataName("SocketPairGen.ChildProcess"),
                start.Compilation.GetTypeByMetadataName("SocketPairGen.SocketPairChannelAttribute"));
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, creators), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, Creators creators)
    {
        var creation = (IInvocationOperation)context.Operation;
        if (creators.Describe(creation.TargetMethod) is not { } description)
        {
            return;
        }

        IOperation value = DisposableUses.Outermost(creation);
        switch (value.Parent)
        {
            case IExpressionStatementOperation:
            case ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation }:
                Report(context, creation, description, Never, null);
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Parent: IExpressionStatementOperation } assignment
                when assignment.Value == value:
                Judge(context, target.Local, creation, description, target.Syntax);
                break;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !DisposableUses.IsUsingDeclaration(declarator):
                Judge(context, declarator.Symbol, creation, description, null);
                break;
            case IDeconstructionAssignmentOperation { Parent: IExpressionStatementOperation } deconstruction
                when deconstruction.Value == value && description == "SocketPair":
                JudgeEnds(context, deconstruction.Target, creation);
                break;
        }
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
    private static bool Judge(OperationAnalysisContext context, ILocalSymbol local, IOperation creation, string description, SyntaxNode? written, bool isEnd = false)
    {
        // A pair's ends are followed as its members; an end of a deconstructed pair is followed as a socket of its own.
        if (Escapes(local, creation, description == "SocketPair" && !isEnd, written, out bool onlyDisposals) is not { } escapes)
        {
            return false;
        }

        SyntaxNode? exit = null;
        if (escapes.Count > 0
            && !LeakPaths.Exist(context.GetControlFlowGraph(), creation.Syntax, escapes, static _ => null,
                LeakOptions.ExceptionPaths(context.Options, creation.Syntax.SyntaxTree), out exit))
        {
            return false;
        }

        Report(context, creation, description, escapes.Count == 0 ? Never : "not disposed nor handed off on every path out of this method", exit,
            escapes.Count == 0 ? LeakReleases.None : onlyDisposals ? LeakReleases.Disposals : LeakReleases.Other);
        return true;
    }

    /// <summary>
    /// <c>var (a, b) = SocketPair.Create();</c>: the pair is unreachable, so an end that is discarded, or is a local
    /// not disposed nor handed off on some path, leaks. An end stored anywhere else (a field, a property) is handed
    /// off. One report for the pair.
    /// </summary>
    private static void JudgeEnds(OperationAnalysisContext context, IOperation target, IOperation creation)
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
                Report(context, creation, "SocketPair", Never, null);
                return;
            }

            if (end is ILocalReferenceOperation local && Judge(context, local.Local, creation, "SocketPair", local.Syntax, isEnd: true))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The references to <paramref name="local"/> after which the method may no longer hold the object: a disposal, a
    /// hand-off, any use the rule cannot follow. Null when one is in a lambda or local function.
    /// </summary>
    private static HashSet<SyntaxNode>? Escapes(ILocalSymbol local, IOperation creation, bool isPair, SyntaxNode? written, out bool onlyDisposals)
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

            if (!Harmless(reference, isPair))
            {
                onlyDisposals &= DisposableUses.IsDisposal(reference);
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
    /// A use that neither disposes nor hands off the object: a member access on it (but for <c>Dispose</c>,
    /// <c>DisposeAsync</c> and method groups), a comparison, or an assignment of something else to the local.
    /// For a <c>SocketPair</c>, an end (<c>First</c>, <c>Second</c>) that goes anywhere but a member access counts
    /// as a hand-off: the rule cannot tell which end still needs the pair.
    /// </summary>
    private static bool Harmless(IOperation reference, bool isPair)
    {
        IOperation value = DisposableUses.Outermost(reference);
        switch (value.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == value:
                return true;
            case IBinaryOperation:
                return true;
            case IInvocationOperation invocation when invocation.Instance == value:
                return !DisposableUses.IsDispose(invocation.TargetMethod);
            case IPropertyReferenceOperation property when property.Instance == value:
                return !isPair || ReceiverOnly(property);
            case IFieldReferenceOperation field when field.Instance == value:
                return !isPair || ReceiverOnly(field);
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

    /// <summary>The four creating calls and the short description of what each creates.</summary>
    private sealed class Creators(INamedTypeSymbol socketPair, INamedTypeSymbol? childProcess, INamedTypeSymbol? channelAttribute)
    {
        public string? Describe(IMethodSymbol method)
        {
            if (!method.IsStatic)
            {
                return null;
            }

            INamedTypeSymbol type = method.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(type, socketPair))
            {
                return method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ReturnType, socketPair) ? "SocketPair" : null;
            }

            if (childProcess is not null && SymbolEqualityComparer.Default.Equals(type, childProcess))
            {
                return method switch
                {
                    { Name: "Start", DeclaredAccessibility: Accessibility.Public } when SymbolEqualityComparer.Default.Equals(method.ReturnType, childProcess) => "ChildProcess",
                    { Name: "OpenInheritedSocket" } => "Socket",
                    _ => null,
                };
            }

            if (channelAttribute is not null
                && method.Name == "Connect"
                && type.TypeKind == TypeKind.Interface
                && method.ReturnType is INamedTypeSymbol { Name: "Client", TypeKind: TypeKind.Class } client
                && SymbolEqualityComparer.Default.Equals(client.ContainingType, type)
                && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, channelAttribute)))
            {
                return type.Name + ".Client";
            }

            return null;
        }
    }
}
