using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// How the rules that follow a disposable (SPG0011 for a local, SPG0013 for a parameter) read one reference to it: the
/// value with the conversions around it, and whether that value is disposed there.
/// </summary>
internal static class DisposableUses
{
    /// <summary>The operation with the implicit and reference conversions and the parentheses around it.</summary>
    public static IOperation Outermost(IOperation operation)
    {
        while (operation.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation
               || (operation.Parent is IConversionOperation { Conversion.IsReference: true } conversion && conversion.Operand == operation))
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary><c>x.Dispose()</c>, <c>x.DisposeAsync()</c>, <c>x.Close()</c> or <c>x?.Dispose()</c> on the variable itself.</summary>
    public static bool IsDisposal(IOperation reference)
    {
        IOperation value = Outermost(reference);
        return value.Parent switch
        {
            IInvocationOperation invocation when invocation.Instance == value => IsDispose(invocation.TargetMethod),
            IConditionalAccessOperation conditional when conditional.Operation == value =>
                conditional.WhenNotNull is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } invocation && IsDispose(invocation.TargetMethod),
            _ => false,
        };
    }

    /// <summary>A method that releases what its instance holds: <c>Dispose</c>, <c>DisposeAsync</c> or <c>Close</c>.</summary>
    public static bool IsDispose(IMethodSymbol method) => method.Name is "Dispose" or "DisposeAsync" or "Close";

    /// <summary><c>using var x = ...;</c>, <c>await using var x = ...;</c> or <c>using (var x = ...)</c>.</summary>
    public static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator) =>
        declarator.Parent?.Parent is IVariableDeclarationGroupOperation { Parent: IUsingDeclarationOperation or IUsingOperation }
        || declarator.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation;
}
