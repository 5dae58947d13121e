using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The value of a flags argument when it can be known: a constant (literals and named constants, whatever member
/// holds them: <see cref="ConstantMembers"/>), a <c>|</c> of knowable values, a conversion of one, or a local
/// assigned exactly once. Otherwise null: the rules never guess.
/// </summary>
internal static class ConstantValues
{
    public static long? Of(IOperation? operation) => Fold(operation)?.Value;

    /// <summary>The value with what the constants in it are worth (<see cref="FoldedValue"/>), or null when it cannot be known.</summary>
    public static FoldedValue? Fold(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return null;
            case IArgumentOperation argument:
                return Fold(argument.Value);
            case IConversionOperation { OperatorMethod: null } conversion:
                return Fold(conversion.Operand) is { } operand
                    ? conversion.ConstantValue.HasValue && ToInt64(conversion.ConstantValue.Value) is long converted ? operand.WithValue(converted) : operand
                    : null;
            case IParenthesizedOperation parenthesized:
                return Fold(parenthesized.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or:
                return Fold(or.LeftOperand) is { } left && Fold(or.RightOperand) is { } right ? left.Or(right) : null;
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                return ConstantMembers.ValueOf(field.Field, operation.SemanticModel?.Compilation);
            case IPropertyReferenceOperation { Instance: null, Property.IsStatic: true } property:
                return ConstantMembers.ValueOf(property.Property, operation.SemanticModel?.Compilation);
            case ILocalReferenceOperation { Local: { IsConst: true, HasConstantValue: true } constantLocal }:
                return ToInt64(constantLocal.ConstantValue) is long localValue ? FoldedValue.Named(constantLocal.Name, localValue) : null;
            case ILocalReferenceOperation local:
                return Fold(InitializerOfLocalAssignedOnce(local));
            case { ConstantValue.HasValue: true } constant:
                return ToInt64(constant.ConstantValue.Value) is long value ? Computed(constant, value) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the value has every bit of <paramref name="flag"/> set: true or false when known, null when not. Only
    /// trusted bits count (a constant that lies about its name never supplies the flag), and a value made with
    /// another platform's constants is not judged by Linux values. A <c>|</c> has the flag when either side has it
    /// and lacks it when both lack it. A conditional (<c>c ? a : b</c>) has the flag when both branches have it and
    /// lacks it when both lack it; when only one has it, the condition chooses whether the descriptor is inherited,
    /// as an <c>if</c> around <c>flags |= FLAG</c> would: that is a decision, not a mistake, and it is not judged.
    /// </summary>
    public static bool? HasFlag(IOperation? operation, long flag)
    {
        switch (operation)
        {
            case IArgumentOperation argument:
                return HasFlag(argument.Value, flag);
            case IConversionOperation { OperatorMethod: null, ConstantValue.HasValue: false } conversion:
                return HasFlag(conversion.Operand, flag);
            case IParenthesizedOperation parenthesized:
                return HasFlag(parenthesized.Operand, flag);
            case IConditionalOperation { WhenFalse: not null } conditional:
                bool? whenTrue = HasFlag(conditional.WhenTrue, flag);
                bool? whenFalse = HasFlag(conditional.WhenFalse, flag);
                return whenTrue == whenFalse ? whenTrue : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or:
                bool? left = HasFlag(or.LeftOperand, flag);
                bool? right = HasFlag(or.RightOperand, flag);
                return left == true || right == true ? true : left == false && right == false ? false : null;
            case ILocalReferenceOperation { Local.IsConst: false } local:
                return HasFlag(InitializerOfLocalAssignedOnce(local), flag);
            default:
                return Fold(operation) is { OtherPlatform: false } value ? (value.Trusted & flag) == flag : null;
        }
    }

    /// <summary>A constant the compiler computed with other operators: the named constants in it decide what it is worth.</summary>
    private static FoldedValue Computed(IOperation constant, long value)
    {
        FoldedValue folded = FoldedValue.Honest(value);
        foreach (IOperation part in constant.Descendants())
        {
            if (part is IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation && Fold(part) is { } named)
            {
                folded = folded.Derive(value, named);
            }
        }

        return folded;
    }

    /// <summary>The initializer of a local that nothing else writes, or null.</summary>
    private static IOperation? InitializerOfLocalAssignedOnce(ILocalReferenceOperation reference)
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
        foreach (IOperation operation in MethodOperations.MentionsOf(root, local))
        {
            if (operation is IVariableDeclaratorOperation declarator)
            {
                initializer = declarator.Initializer?.Value;
            }
            else if (operation is ILocalReferenceOperation use && MayChange(use))
            {
                return null;
            }
        }

        return initializer;
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
