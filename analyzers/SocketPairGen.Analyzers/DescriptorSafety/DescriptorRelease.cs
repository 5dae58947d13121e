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

/// <summary>What one read of a descriptor does with it.</summary>
internal enum UseKind
{
    /// <summary>Reads it and leaves it where it is: a libc call that neither closes nor adopts it, a comparison, a copy into a struct the method keeps.</summary>
    Kept,

    /// <summary>Copies it into a local written nowhere else (<c>int parentEnd = fds[0];</c>): the local is the same descriptor.</summary>
    Copied,

    /// <summary>Closes it (a libc <c>close</c>).</summary>
    Closed,

    /// <summary>Hands it to an owner that closes it later.</summary>
    HandedToAnOwner,

    /// <summary>Anything the rules cannot follow: the method may no longer hold it, and nobody is known to close it.</summary>
    Lost,
}

/// <summary>One read of a descriptor: what it does, the operation that does it, and the local it is copied into.</summary>
internal readonly record struct DescriptorUse(UseKind Kind, IOperation Operation, ILocalSymbol? Copy = null)
{
    /// <summary>Whether the method no longer holds the descriptor after this use, or cannot tell.</summary>
    public bool LetsGo => Kind is UseKind.Closed or UseKind.HandedToAnOwner or UseKind.Lost;

    /// <summary>A libc <c>close</c> of it.</summary>
    public bool IsLibcClose => Kind == UseKind.Closed && Operation is IInvocationOperation call && LibcCall.FunctionName(call) == "close";
}

/// <summary>
/// Recognises what a method does with a raw descriptor at each read of it: a libc <c>close</c>, an ownership hand-off
/// (a <c>SafeHandle</c> constructor that owns it, a field of an object, a return, an argument to a
/// <c>[SocketPairGen.TakesOwnership]</c> parameter), a read that keeps it (a libc call, a comparison, a copy into a
/// struct the method keeps, a <c>SafeHandle</c> that does not own it), a copy into another local, or anything else.
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
    public (IOperation Operation, ReleaseKind Kind)? Of(IOperation reference) => Classify(reference) switch
    {
        { Kind: UseKind.Closed } use => (use.Operation, ReleaseKind.Closed),
        { Kind: UseKind.HandedToAnOwner } use => (use.Operation, ReleaseKind.HandedToAnOwner),
        _ => null,
    };

    /// <summary>What the operation around <paramref name="reference"/> (a read of a descriptor place) does with it.</summary>
    /// <param name="reference">The read.</param>
    /// <param name="callers">The summaries of helper methods being computed on the way here, if any.</param>
    public DescriptorUse Classify(IOperation reference, SummaryChain? callers = null)
    {
        IOperation value = Outermost(reference);
        switch (value.Parent)
        {
            case IArgumentOperation { Parent: IInvocationOperation call } argument:
                return OfArgument(call, argument, callers);
            case IArgumentOperation { Parent: IObjectCreationOperation creation } argument:
                return OfConstructorArgument(creation, argument, callers);
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                return OfAssignment(assignment, callers);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } initializer:
                return CopyInto(declarator.Symbol, declarator) ?? new(UseKind.Lost, initializer);
            case IReturnOperation { Kind: OperationKind.Return } returned:
                return new(UseKind.HandedToAnOwner, returned);
            case IInterpolationOperation or IBinaryOperation { Type.SpecialType: SpecialType.System_String }:
                // Formatted into a message: $"fd {fd}", "fd " + fd.
                return new(UseKind.Kept, value.Parent);
            case IInvocationOperation { TargetMethod.ContainingType.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } call
                when call.Instance == value:
                // fd.ToString(), fd.Equals(other).
                return new(UseKind.Kept, call);
            case var parent when IsComparison(parent):
                return new(UseKind.Kept, parent!);
            default:
                return new(UseKind.Lost, value.Parent ?? value);
        }
    }

    private DescriptorUse OfArgument(IInvocationOperation call, IArgumentOperation argument, SummaryChain? callers)
    {
        if (LibcCall.FunctionName(call) is { } function)
        {
            if (function == "close" && argument.Parameter?.Ordinal == 0)
            {
                return new(UseKind.Closed, call);
            }

            return new(Adopts(function) ? UseKind.Lost : UseKind.Kept, call);
        }

        if (TakesOwnership(argument.Parameter) || IsSetHandle(call.TargetMethod))
        {
            return new(UseKind.HandedToAnOwner, call);
        }

        return OfHelper(call, call.TargetMethod, argument, callers);
    }

    private DescriptorUse OfConstructorArgument(IObjectCreationOperation creation, IArgumentOperation argument, SummaryChain? callers)
    {
        if (TakesOwnership(argument.Parameter))
        {
            return new(UseKind.HandedToAnOwner, creation);
        }

        switch (OwningSafeHandle(creation, argument))
        {
            case true:
                return new(UseKind.HandedToAnOwner, creation);
            case false:
                return new(UseKind.Kept, creation); // ownsHandle: false: the handle only borrows it
        }

        if (SymbolEqualityComparer.Default.Equals(creation.Type, _intPtr))
        {
            return Classify(creation, callers); // new IntPtr(fd) handed on in turn
        }

        return creation.Constructor is { } constructor ? OfHelper(creation, constructor, argument, callers) : new(UseKind.Lost, creation);
    }

    /// <summary>A method of the compilation given the descriptor: what its body does with the parameter.</summary>
    private DescriptorUse OfHelper(IOperation call, IMethodSymbol method, IArgumentOperation argument, SummaryChain? callers)
    {
        if (argument.Parameter is not { } parameter || call.SemanticModel?.Compilation is not { } compilation)
        {
            return new(UseKind.Lost, call);
        }

        return ParameterSummaries.For(compilation).Of(method, parameter.Ordinal, this, callers) switch
        {
            ParameterSummary.ReadsOnly => new(UseKind.Kept, call),
            ParameterSummary.Closes => new(UseKind.Closed, call),
            ParameterSummary.Stores => new(UseKind.HandedToAnOwner, call),
            _ => new(UseKind.Lost, call),
        };
    }

    private DescriptorUse OfAssignment(ISimpleAssignmentOperation assignment, SummaryChain? callers)
    {
        switch (assignment.Target)
        {
            case IFieldReferenceOperation field when field.Instance is null || field.Field.ContainingType.IsReferenceType:
                // A field of an object (or a static one): the object owns it from now on.
                return new(UseKind.HandedToAnOwner, assignment);
            case IPropertyReferenceOperation { Property: { IsIndexer: false, SetMethod: { } setter } } property
                when property.Instance is null || property.Property.ContainingType.IsReferenceType:
                // Fd = fd: an object's auto-property owns it as its field would; a setter with a body is read.
                return setter.DeclaringSyntaxReferences.Length == 1 && setter.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null }
                    ? new(UseKind.HandedToAnOwner, assignment)
                    : assignment.SemanticModel?.Compilation is { } compilation
                        ? ParameterSummaries.For(compilation).Of(setter, 0, this, callers) switch
                        {
                            ParameterSummary.ReadsOnly => new(UseKind.Kept, assignment),
                            ParameterSummary.Closes => new(UseKind.Closed, assignment),
                            ParameterSummary.Stores => new(UseKind.HandedToAnOwner, assignment),
                            _ => new(UseKind.Lost, assignment),
                        }
                        : new(UseKind.Lost, assignment);
            case ILocalReferenceOperation local when assignment.Parent is IExpressionStatementOperation:
                return CopyInto(local.Local, assignment) ?? new(UseKind.Lost, assignment);
            case var target when ScratchStorage.IsCopy(target) || ControlMessageData.Holds(target):
                return new(UseKind.Kept, assignment);
            default:
                return new(UseKind.Lost, assignment);
        }
    }

    /// <summary><c>SafeHandle.SetHandle</c>: a SafeHandle type takes the descriptor it wraps.</summary>
    private bool IsSetHandle(IMethodSymbol method) =>
        method is { Name: "SetHandle", Parameters.Length: 1 } && SymbolEqualityComparer.Default.Equals(method.ContainingType, _safeHandle);

    /// <summary>
    /// A copy into <paramref name="local"/> that the rules can follow as the same descriptor: an integer local, not a
    /// ref, written nowhere else in the method.
    /// </summary>
    private static DescriptorUse? CopyInto(ILocalSymbol local, IOperation write)
    {
        if (local.IsRef || local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr))
        {
            return null;
        }

        foreach ((IOperation other, _) in new DescriptorPlace(local, null).WritesIn(DescriptorPlace.Root(write)))
        {
            if (other != write)
            {
                return null;
            }
        }

        return new(UseKind.Copied, write, local);
    }

    /// <summary>
    /// libc functions that close the descriptor, make something else own it, or hand it to a child process (SPG0020
    /// judges the mapped descriptor): the rules cannot tell what becomes of it afterwards.
    /// </summary>
    public static bool Adopts(string function) =>
        function is "close_range" or "closefrom" or "fdopen" or "fdopendir" or "posix_spawn_file_actions_adddup2";

    /// <summary>A comparison: <c>fd &lt; 0</c>, <c>fd == -1</c>, or a constant or relational pattern (<c>fd is &lt; 0</c>, <c>fd is not -1</c>).</summary>
    public static bool IsComparison(IOperation? operation) => operation switch
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
    /// For a SafeHandle (SafeFileHandle, SafeSocketHandle...) given the descriptor as its handle: true when
    /// <c>ownsHandle</c> is true or left to a default of true, false when it is false as written; null when it is not
    /// known (no <c>ownsHandle</c> parameter, a value only known at run time) or the object is no SafeHandle.
    /// </summary>
    private bool? OwningSafeHandle(IObjectCreationOperation creation, IArgumentOperation handle)
    {
        if (!DerivesFromSafeHandle(creation.Type) || handle.Parameter?.Type.SpecialType != SpecialType.System_IntPtr)
        {
            return null;
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter is { Name: "ownsHandle", Type.SpecialType: SpecialType.System_Boolean })
            {
                return argument.Value.ConstantValue is { HasValue: true, Value: bool owns } ? owns : null;
            }
        }

        return null;
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
