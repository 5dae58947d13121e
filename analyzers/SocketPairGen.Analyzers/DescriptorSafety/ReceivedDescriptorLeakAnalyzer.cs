using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0013: a method that serves a channel contract (<see cref="ServerMethods"/>) owns every descriptor the channel
/// hands it as an argument, a fresh copy the kernel made for it, and a parameter holding one is never disposed nor
/// handed off, or not on every path out of the method (<see cref="LeakPaths"/>, from the method's entry). Reported on
/// the parameter. Only the uses of <see cref="ReceivedHandleUses"/> are followed; any other use is a hand-off, and a
/// parameter used in a lambda or local function is not followed at all. An array of descriptors is reported only when
/// the method never mentions it: what becomes of its elements is not followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReceivedDescriptorLeakAnalyzer : DiagnosticAnalyzer
{
    private const string Never = "never disposed nor handed off in this method";
    private const string SomePath = "not disposed nor handed off on every path out of this method";

    /// <summary>The type as its short name, without the <c>?</c> of a nullable parameter.</summary>
    private static readonly SymbolDisplayFormat TypeFormat =
        SymbolDisplayFormat.MinimallyQualifiedFormat.RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.ReceivedDescriptorLeaked];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ServerMethods.For(start.Compilation) is not { } servers)
            {
                return;
            }

            start.RegisterOperationBlockAction(block => AnalyzeMethod(block, servers));
        });
    }

    private static void AnalyzeMethod(OperationBlockAnalysisContext context, ServerMethods servers)
    {
        if (context.OwningSymbol is not IMethodSymbol { IsStatic: false, IsAbstract: false, IsExtern: false } method
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation)
            || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct })
        {
            return;
        }

        // The parameters come first: most methods receive no descriptor, and the contract lookup is dearer.
        List<(IParameterSymbol Parameter, Received Kind)>? received = null;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.None && servers.KindOf(parameter.Type) is var kind and not Received.None)
            {
                (received ??= []).Add((parameter, kind));
            }
        }

        if (received is null || Body(context.OperationBlocks) is not { } block || !servers.Serves(method))
        {
            return;
        }

        foreach ((IParameterSymbol parameter, Received kind) in received)
        {
            Judge(context, block, parameter, kind);
        }
    }

    /// <summary>The operation block of the method's body (the others are default values of its parameters).</summary>
    private static IOperation? Body(ImmutableArray<IOperation> blocks)
    {
        foreach (IOperation block in blocks)
        {
            if (DescriptorPlace.Root(block) is IMethodBodyOperation)
            {
                return block;
            }
        }

        return null;
    }

    /// <summary>Reports <paramref name="parameter"/> when a path out of the method neither disposes nor hands it off.</summary>
    private static void Judge(OperationBlockAnalysisContext context, IOperation block, IParameterSymbol parameter, Received kind)
    {
        IOperation body = DescriptorPlace.Root(block);
        var escapes = new HashSet<SyntaxNode>();
        bool onlyDisposals = true;
        foreach (IOperation operation in MethodOperations.Of(body))
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }

            // An array's elements are not followed: any mention of it may dispose or hand them off.
            if (kind == Received.Array || ReceivedHandleUses.IsCaptured(reference))
            {
                return;
            }

            HandleUse use = ReceivedHandleUses.Of(reference);
            if (use != HandleUse.Harmless)
            {
                onlyDisposals &= use == HandleUse.Disposal;
                escapes.Add(reference.Syntax);
            }
        }

        // Even a parameter the method never mentions is judged on the paths: a body that always throws leaks nothing
        // (unless exception paths are on).
        ControlFlowGraph graph = context.GetControlFlowGraph(block);
        bool exceptionPaths = LeakOptions.ExceptionPaths(context.Options, body.Syntax.SyntaxTree);
        if (!LeakPaths.ExistFromEntry(graph, escapes, condition => NothingHeldWhenTrue(condition, parameter), exceptionPaths, out SyntaxNode? exit))
        {
            return;
        }

        string releases = escapes.Count == 0 ? LeakReleases.None : onlyDisposals ? LeakReleases.Disposals : LeakReleases.Other;
        Location[] exits = escapes.Count == 0 || exit is null ? [] : [exit.GetLocation()];
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ReceivedDescriptorLeaked,
            parameter.Locations[0],
            exits,
            ImmutableDictionary<string, string?>.Empty.Add(LeakReleases.Property, releases),
            parameter.Type.ToDisplayString(TypeFormat),
            parameter.Name,
            escapes.Count == 0 ? Never : SomePath));
    }

    private static bool? NothingHeldWhenTrue(IOperation condition, IParameterSymbol parameter) =>
        ReceivedHandleUses.NothingHeldWhenTrue(
            condition,
            operation => operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter));
}
