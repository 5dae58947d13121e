using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Methods that cannot throw because all they do is store fields: <c>SafeHandle.SetHandle</c>, and methods of the
/// compilation whose body only assigns fields of the object (or static ones) from parameters, constants and other
/// fields, through conversions that cannot fail, or calls such methods. The exception-path mode of the leak rules
/// does not count a call to one as a way out. Judged once per method and compilation.
/// </summary>
internal static class CannotThrow
{
    private const int MaxDepth = 3;

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, bool>> Judged = new();

    /// <summary>Whether <paramref name="call"/> calls a method that only stores fields.</summary>
    public static bool Call(IInvocationOperation call, Compilation? compilation) =>
        compilation is not null && Method(call.TargetMethod, compilation, 0);

    private static bool Method(IMethodSymbol method, Compilation compilation, int depth)
    {
        if (method is { Name: "SetHandle", Parameters.Length: 1, ContainingType: { Name: "SafeHandle", ContainingNamespace: { Name: "InteropServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace.Name: "System" } } } })
        {
            return true;
        }

        if (depth > MaxDepth || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        ConcurrentDictionary<IMethodSymbol, bool> judged = Judged.GetValue(compilation, static _ => new(SymbolEqualityComparer.Default));
        if (judged.TryGetValue(method, out bool known))
        {
            return known;
        }

        bool result = MethodBodies.Of(method, compilation) is { } body && OnlyStores(body, compilation, depth);
        if (depth == 0)
        {
            judged.TryAdd(method, result); // a verdict cut short by depth depends on where it was asked from
        }

        return result;
    }

    private static bool OnlyStores(IOperation body, Compilation compilation, int depth)
    {
        foreach (IOperation operation in MethodOperations.Of(body))
        {
            bool safe = operation switch
            {
                IBlockOperation or IExpressionStatementOperation or IReturnOperation { Kind: OperationKind.Return } => true,
                ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } } => true,
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } or IInstanceReferenceOperation => true,
                IParameterReferenceOperation or ILiteralOperation or IDefaultValueOperation => true,
                IConversionOperation { IsChecked: false, OperatorMethod: null, Conversion.IsUserDefined: false } => true,
                IInvocationOperation { Instance: null or IInstanceReferenceOperation } call => Method(call.TargetMethod, compilation, depth + 1),
                IArgumentOperation { ArgumentKind: ArgumentKind.Explicit } => true,
                _ => false,
            };
            if (!safe)
            {
                return false;
            }
        }

        return true;
    }
}
