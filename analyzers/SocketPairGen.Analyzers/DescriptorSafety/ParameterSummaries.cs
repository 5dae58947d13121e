using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>What a method of the compilation does with a descriptor passed to one of its parameters.</summary>
internal enum ParameterSummary
{
    /// <summary>Only reads it (libc calls that keep it, comparisons, formatting, read-only helpers): the caller still holds it.</summary>
    ReadsOnly,

    /// <summary>Closes it on every path (a libc <c>close</c>, or a helper that does), but where it was never valid.</summary>
    Closes,

    /// <summary>Hands it to an owner on every path (a field of an object, a <c>SafeHandle</c> that owns it).</summary>
    Stores,

    /// <summary>Anything else, or a body the rules cannot see.</summary>
    Unknown,
}

/// <summary>
/// Summaries of what the methods of the compilation do with a descriptor parameter (<c>Log(fd)</c> reads it,
/// <c>CloseQuietly(fd)</c> closes it, <c>new Connection(fd)</c> stores it), read from their bodies with the same
/// reasoning the rules apply to the caller, and kept once per compilation for all the rules.
/// </summary>
/// <remarks>
/// Only a body that surely runs for the call is read: an ordinary method, constructor or accessor that no override
/// can replace (static, non-virtual, or sealed), in source, with the parameter passed by value. A helper that closes
/// or stores must do so on every path but the failed side of a validity test (<c>if (fd &lt; 0) return;</c>);
/// async methods and iterators, whose bodies run later, only ever read. Helpers calling helpers are followed
/// <see cref="MaxDepth"/> deep; deeper, and recursion, are unknown.
/// </remarks>
internal sealed class ParameterSummaries
{
    private const int MaxDepth = 4;

    private static readonly ConditionalWeakTable<Compilation, ParameterSummaries> PerCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), ParameterSummary> _known = new(new MethodParameterComparer());

    private ParameterSummaries(Compilation compilation) => _compilation = compilation;

    /// <summary>The summaries of <paramref name="compilation"/>.</summary>
    public static ParameterSummaries For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new ParameterSummaries(c));

    /// <summary>What <paramref name="method"/> does with the descriptor passed as its parameter <paramref name="ordinal"/>.</summary>
    /// <param name="method">The method called.</param>
    /// <param name="ordinal">The parameter the descriptor is passed to.</param>
    /// <param name="release">Classifies the uses in the method's body.</param>
    /// <param name="callers">The summaries being computed on the way here (to stop at recursion and depth).</param>
    public ParameterSummary Of(IMethodSymbol method, int ordinal, DescriptorRelease release, SummaryChain? callers)
    {
        method = method.OriginalDefinition;
        if (_known.TryGetValue((method, ordinal), out ParameterSummary known))
        {
            return known;
        }

        if (callers is not null && callers.Depth >= MaxDepth)
        {
            // Too deep, or recursive (a recursion goes too deep on the way): unknown.
            callers.Truncated = true;
            return ParameterSummary.Unknown;
        }

        var chain = new SummaryChain(callers);
        ParameterSummary summary = Summarise(method, ordinal, release, chain);
        if (!chain.Truncated)
        {
            // A summary cut short by depth or recursion depends on where it was asked from: not kept.
            _known.TryAdd((method, ordinal), summary);
        }
        else if (callers is not null)
        {
            callers.Truncated = true;
        }

        return summary;
    }

    private ParameterSummary Summarise(IMethodSymbol method, int ordinal, DescriptorRelease release, SummaryChain chain)
    {
        if (MethodBodies.Of(method, _compilation) is not { } body
            || ordinal >= method.Parameters.Length
            || method.Parameters[ordinal] is not { RefKind: RefKind.None } parameter
            || parameter.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr))
        {
            return ParameterSummary.Unknown;
        }

        var reads = new List<IOperation>();
        foreach (IOperation operation in MethodOperations.Of(body))
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                reads.Add(reference);
            }
        }

        if (DescriptorUses.Collect(reads, body, release, chain) is not { } uses)
        {
            return ParameterSummary.Unknown;
        }

        var lets = new HashSet<SyntaxNode>();
        UseKind? kind = null;
        foreach ((IOperation reference, DescriptorUse use) in uses)
        {
            if (!use.LetsGo)
            {
                continue;
            }

            if (use.Kind == UseKind.Lost || kind is { } other && other != use.Kind)
            {
                return ParameterSummary.Unknown;
            }

            kind = use.Kind;
            lets.Add(reference.Syntax);
        }

        if (kind is null)
        {
            return ParameterSummary.ReadsOnly;
        }

        if (method.IsAsync || body is not (IMethodBodyOperation or IConstructorBodyOperation) || HasYield(body))
        {
            return ParameterSummary.Unknown;
        }

        var failureTest = new FailureTest(
            operation => operation is IParameterReferenceOperation tested && SymbolEqualityComparer.Default.Equals(tested.Parameter, parameter),
            returnsDescriptor: true);
        ControlFlowGraph graph = body switch
        {
            IMethodBodyOperation methodBody => ControlFlowGraph.Create(methodBody),
            _ => ControlFlowGraph.Create((IConstructorBodyOperation)body),
        };
        if (LeakPaths.ExistFromEntry(graph, lets, failureTest.FailureWhenTrue))
        {
            return ParameterSummary.Unknown; // kept on some path
        }

        return kind == UseKind.Closed ? ParameterSummary.Closes : ParameterSummary.Stores;
    }

    private static bool HasYield(IOperation body)
    {
        foreach (IOperation operation in MethodOperations.Of(body))
        {
            if (operation is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak })
            {
                return true;
            }
        }

        return false;
    }

    private sealed class MethodParameterComparer : IEqualityComparer<(IMethodSymbol Method, int Ordinal)>
    {
        public bool Equals((IMethodSymbol Method, int Ordinal) x, (IMethodSymbol Method, int Ordinal) y) =>
            x.Ordinal == y.Ordinal && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Ordinal) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Method) ^ obj.Ordinal;
    }
}

/// <summary>The summaries being computed, innermost first: how deep a summary was asked from.</summary>
internal sealed class SummaryChain(SummaryChain? outer)
{
    /// <summary>How many summaries are being computed, this one included.</summary>
    public int Depth { get; } = (outer?.Depth ?? 0) + 1;

    /// <summary>Whether a summary on the way was cut short (too deep, or recursive).</summary>
    public bool Truncated { get; set; }
}
