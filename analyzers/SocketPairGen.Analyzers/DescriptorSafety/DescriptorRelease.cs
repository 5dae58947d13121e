using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>How a method lets go of a raw descriptor.</summary>
internal enum ReleaseKind
{
    /// <summary>A libc <c>close</c>.</summary>
    Closed,

    /// <summary>Handed to an owner that closes it later: a SafeHandle, a field, the caller, a <c>[TakesOwnership]</c> parameter.</summary>
    HandedToAnOwner,
}

/// <summary>
/// Recognises the operations after which a method no longer holds a descriptor: a libc <c>close</c> of it, or an
/// ownership hand-off (a <c>SafeHandle</c> constructor that owns it, a field assignment, a return, an argument to a
/// <c>[SocketPairGen.TakesOwnership]</c> parameter).
/// </summary>
internal sealed class DescriptorRelease(Compilation compilation)
{
    private readonly INamedTypeSymbol? _safeHandle = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.SafeHandle");
    private readonly INamedTypeSymbol? _takesOwnership = compilation.GetTypeByMetadataName("SocketPairGen.TakesOwnershipAttribute");
    private readonly INamedTypeSymbol? _intPtr = compilation.GetSpecialType(SpecialType.System_IntPtr);

    /// <summary>
    /// When <paramref name="reference"/> (a read of a descriptor place) is released by the operation around it: that
    /// operation and how; null otherwise.
    /// </summary>
    public (IOperation Operation, ReleaseKind Kind)? Of(IOperation reference)
    {
        IOperation value = Outermost(reference);
        switch (value.Parent)
        {
            case IArgumentOperation { Parent: IInvocationOperation call } argument:
                if (LibcCall.FunctionName(call) == "close" && argument.Parameter?.Ordinal == 0)
                {
                    return (call, ReleaseKind.Closed);
                }

                return TakesOwnership(argument.Parameter) ? (call, ReleaseKind.HandedToAnOwner) : null;
            case IArgumentOperation { Parent: IObjectCreationOperation creation } argument:
                if (TakesOwnership(argument.Parameter) || OwningSafeHandle(creation, argument))
                {
                    return (creation, ReleaseKind.HandedToAnOwner);
                }

                // new IntPtr(fd) handed on in turn.
                return SymbolEqualityComparer.Default.Equals(creation.Type, _intPtr) ? Of(creation) : null;
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation } assignment when assignment.Value == value:
                return (assignment, ReleaseKind.HandedToAnOwner);
            case IReturnOperation { Kind: OperationKind.Return } returned:
                return (returned, ReleaseKind.HandedToAnOwner);
            default:
                return null;
        }
    }

    /// <summary>The operation the value of <paramref name="operation"/> flows out of, past conversions and parentheses.</summary>
    public static IOperation Outermost(IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private bool TakesOwnership(IParameterSymbol? parameter)
    {
        if (parameter is null || _takesOwnership is null)
        {
            return false;
        }

        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _takesOwnership))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A SafeHandle (SafeFileHandle, SafeSocketHandle...) given the descriptor as its handle, with <c>ownsHandle</c>
    /// true or left to a default of true. A constructor without an <c>ownsHandle</c> parameter is not known to own it.
    /// </summary>
    private bool OwningSafeHandle(IObjectCreationOperation creation, IArgumentOperation handle)
    {
        if (!DerivesFromSafeHandle(creation.Type) || handle.Parameter?.Type.SpecialType != SpecialType.System_IntPtr)
        {
            return false;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter is { Name: "ownsHandle", Type.SpecialType: SpecialType.System_Boolean })
            {
                return argument.Value.ConstantValue is { HasValue: true, Value: true };
            }
        }

        return false;
    }

    private bool DerivesFromSafeHandle(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, _safeHandle))
            {
                return true;
            }
        }

        return false;
    }
}
