using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>What one reference to a descriptor a server method received does to it (SPG0013).</summary>
internal enum HandleUse
{
    /// <summary>Reads it and leaves it with the method: a call or property on it, a comparison, a null test.</summary>
    Harmless,

    /// <summary>Disposes it: <c>Dispose()</c>, <c>Close()</c>, <c>using (x)</c>, <c>using var y = x;</c>.</summary>
    Disposal,

    /// <summary>Anything else: the method may no longer hold it (stored, returned, passed on, captured...).</summary>
    HandOff,
}

/// <summary>
/// How SPG0013 reads a reference to a parameter holding a descriptor. It follows only the uses that surely leave the
/// descriptor with the method; every other use is a hand-off, so the rule stays silent rather than guess.
/// </summary>
internal static class ReceivedHandleUses
{
    /// <summary>What <paramref name="reference"/>, a reference to the parameter, does to what it holds.</summary>
    public static HandleUse Of(IOperation reference)
    {
        IOperation value = DisposableUses.Outermost(reference);
        switch (value.Parent)
        {
            case IBinaryOperation:
                return HandleUse.Harmless;
            case IIsPatternOperation { Pattern: var pattern } test when test.Value == value && IsNullPattern(pattern):
                return HandleUse.Harmless;
            case IInvocationOperation invocation when invocation.Instance == value:
                return OfCall(invocation);
            case IPropertyReferenceOperation property when property.Instance == value:
                return OfMember(property, property.Type);
            case IConditionalAccessOperation conditional when conditional.Operation == value:
                return conditional.WhenNotNull switch
                {
                    IInvocationOperation { Instance: IConditionalAccessInstanceOperation } invocation => OfCall(invocation),
                    IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } property when !IsDisposable(property.Type) => HandleUse.Harmless,
                    _ => HandleUse.HandOff,
                };
            case IUsingOperation @using when @using.Resources == value:
                return HandleUse.Disposal;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when DisposableUses.IsUsingDeclaration(declarator):
                return HandleUse.Disposal;
            case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation call } when Borrows(call.TargetMethod):
                return HandleUse.Harmless;
            default:
                // Assigned, returned, stored, passed to a method, put in a tuple, awaited, assigned a new value...
                return HandleUse.HandOff;
        }
    }

    /// <summary>Whether <paramref name="reference"/> sits in a lambda or a local function: the rule does not follow it there.</summary>
    public static bool IsCaptured(IOperation reference)
    {
        for (IOperation? parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For a branch condition: true when it holds exactly when <paramref name="isParameter"/>'s parameter holds no
    /// descriptor (<c>x is null</c>, <c>x == null</c>, <c>x.IsInvalid</c>, <c>x.IsClosed</c>), false when it holds
    /// exactly when it does (<c>x != null</c>, a channel end's <c>x.IsOpen</c>), null otherwise. The side with nothing
    /// to release is no path.
    /// </summary>
    public static bool? NothingHeldWhenTrue(IOperation condition, System.Func<IOperation, bool> isParameter)
    {
        condition = DescriptorPlace.Unwrap(condition)!;
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return NothingHeldWhenTrue(not.Operand, isParameter) is bool inner ? !inner : null;
            case IIsPatternOperation test when isParameter(DescriptorPlace.Unwrap(test.Value)!):
                return test.Pattern switch
                {
                    IConstantPatternOperation constant when IsNull(constant.Value) => true,
                    INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when IsNull(constant.Value) => false,
                    _ => null,
                };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when (isParameter(DescriptorPlace.Unwrap(comparison.LeftOperand)!) && IsNull(comparison.RightOperand))
                     || (isParameter(DescriptorPlace.Unwrap(comparison.RightOperand)!) && IsNull(comparison.LeftOperand)):
                return comparison.OperatorKind == BinaryOperatorKind.Equals;
            case IPropertyReferenceOperation { Property.Name: "IsInvalid" or "IsClosed", Instance: { } instance } when isParameter(DescriptorPlace.Unwrap(instance)!):
                return true;
            case IPropertyReferenceOperation { Property: { Name: "IsOpen", ContainingType.Name: "ChannelEnd" }, Instance: { } instance }
                when isParameter(DescriptorPlace.Unwrap(instance)!):
                return false;
            default:
                return null;
        }
    }

    private static HandleUse OfCall(IInvocationOperation invocation)
    {
        if (DisposableUses.IsDispose(invocation.TargetMethod))
        {
            return HandleUse.Disposal;
        }

        // SafeHandle.SetHandleAsInvalid gives the descriptor up to whoever took its number; a call that returns a
        // disposable (ChannelEnd.TakeSocket) may hand over what the handle held.
        return invocation.TargetMethod.Name == "SetHandleAsInvalid" ? HandleUse.HandOff : OfMember(invocation, invocation.TargetMethod.ReturnType);
    }

    /// <summary>
    /// A member whose value is not disposable leaves the descriptor with the method; one that is (<c>Socket.SafeHandle</c>,
    /// <c>ChannelEnd.TakeSocket()</c>) does only when its value is merely read in turn.
    /// </summary>
    private static HandleUse OfMember(IOperation member, ITypeSymbol? type)
    {
        if (!IsDisposable(type))
        {
            return HandleUse.Harmless;
        }

        IOperation value = DisposableUses.Outermost(member);
        return value.Parent switch
        {
            IInvocationOperation invocation when invocation.Instance == value && !DisposableUses.IsDispose(invocation.TargetMethod)
                && invocation.TargetMethod.Name != "SetHandleAsInvalid" && !IsDisposable(invocation.TargetMethod.ReturnType) => HandleUse.Harmless,
            IPropertyReferenceOperation property when property.Instance == value && !IsDisposable(property.Type) => HandleUse.Harmless,
            IBinaryOperation => HandleUse.Harmless,
            _ => HandleUse.HandOff,
        };
    }

    private static bool IsDisposable(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType == SpecialType.System_IDisposable)
        {
            return true;
        }

        foreach (INamedTypeSymbol @interface in type.AllInterfaces)
        {
            if (@interface.SpecialType == SpecialType.System_IDisposable)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNullPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsNull(constant.Value),
        INegatedPatternOperation { Pattern: IConstantPatternOperation constant } => IsNull(constant.Value),
        _ => false,
    };

    private static bool IsNull(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: null };

    /// <summary>
    /// A method of the framework that acts on the handle it is given and never keeps it: <c>RandomAccess</c>'s reads,
    /// writes and lengths, <c>File</c>'s attributes, times and modes of an open handle,
    /// <c>ArgumentNullException.ThrowIfNull</c>. Any other method may take ownership, as <c>new FileStream(handle, ...)</c> does.
    /// </summary>
    private static bool Borrows(IMethodSymbol method) => method switch
    {
        { IsStatic: true, ContainingType: { Name: "RandomAccess" or "File", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } => true,
        { Name: "ThrowIfNull", ContainingType: { Name: "ArgumentNullException", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } => true,
        _ => false,
    };
}
