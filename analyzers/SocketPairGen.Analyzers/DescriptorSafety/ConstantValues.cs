using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The value of a flags argument when it can be known: a constant (the compiler folds constants, named constants
/// and <c>|</c> of constants), a <c>|</c> of knowable values, a conversion of one, or a local assigned exactly
/// once. Otherwise null: the rules never guess.
/// </summary>
internal static class ConstantValues
{
    public static long? Of(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return null;
            case { ConstantValue.HasValue: true } constant:
                return ToInt64(constant.ConstantValue.Value);
            case IArgumentOperation argument:
                return Of(argument.Value);
            case IConversionOperation conversion:
                return Of(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return Of(parenthesized.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or:
                return Of(or.LeftOperand) is long left && Of(or.RightOperand) is long right ? left | right : null;
            case ILocalReferenceOperation local:
                return OfLocalAssignedOnce(local);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the value has every bit of <paramref name="flag"/> set: true or false when known, null when not. A
    /// conditional (<c>c ? a : b</c>) has the flag when both branches do, and lacks it when a known branch lacks it.
    /// </summary>
    public static bool? HasFlag(IOperation? operation, long flag)
    {
        switch (operation)
        {
            case IArgumentOperation argument:
                return HasFlag(argument.Value, flag);
            case IConversionOperation conversion:
                return HasFlag(conversion.Operand, flag);
            case IParenthesizedOperation parenthesized:
                return HasFlag(parenthesized.Operand, flag);
            case IConditionalOperation { WhenFalse: not null } conditional:
                bool? whenTrue = HasFlag(conditional.WhenTrue, flag);
                bool? whenFalse = HasFlag(conditional.WhenFalse, flag);
                return whenTrue == false || whenFalse == false ? false : whenTrue == true && whenFalse == true ? true : null;
            default:
                return Of(operation) is long value ? (value & flag) == flag : null;
        }
    }

    private static long? OfLocalAssignedOnce(ILocalReferenceOperation reference)
    {
        // The method body that declares the local: its one initializer, and no other way anywhere in it to change
        // the local (assignment, ++, ref/out argument, its address, a deconstruction, a ref alias).
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        ILocalSymbol local = reference.Local;
        if (local.IsRef)
        {
            return null;
        }

        IOperation? initializer = null;
        foreach (IOperation operation in MethodOperations.Of(root))
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                initializer = declarator.Initializer?.Value;
            }
            else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local) && MayChange(use))
            {
                return null;
            }
        }

        return initializer is null ? null : Of(initializer);
    }

    /// <summary>Whether this use of a local may write it (directly or by handing out a reference to it).</summary>
    private static bool MayChange(ILocalReferenceOperation use)
    {
        IOperation? parent = use.Parent;
        switch (parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == use:
            case ICompoundAssignmentOperation compound when compound.Target == use:
            case ICoalesceAssignmentOperation coalesce when coalesce.Target == use:
            case IIncrementOrDecrementOperation:
            case IAddressOfOperation:
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                return true;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }:
                return true; // ref int alias = ref local;
        }

        // Inside the target of a deconstruction: (a, b) = (...).
        for (IOperation? node = parent; node is not null; node = node.Parent)
        {
            if (node is IDeconstructionAssignmentOperation deconstruction)
            {
                return IsWithin(use, deconstruction.Target);
            }

            if (node is not (ITupleOperation or IConversionOperation))
            {
                break;
            }
        }

        return false;
    }

    private static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (IOperation? node = operation; node is not null; node = node.Parent)
        {
            if (node == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An integral constant as a <see cref="long"/>; null for anything else.</summary>
    public static long? ToInt64(object? value) => value switch
    {
        int i => i,
        uint u => u,
        long l => l,
        ulong ul => unchecked((long)ul),
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        _ => null,
    };
}
