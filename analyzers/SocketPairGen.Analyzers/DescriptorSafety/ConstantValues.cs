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

    /// <summary>Whether the value is known and has every bit of <paramref name="flag"/> set; null when unknown.</summary>
    public static bool? HasFlag(IOperation? operation, long flag) => Of(operation) is long value ? (value & flag) == flag : null;

    private static long? OfLocalAssignedOnce(ILocalReferenceOperation reference)
    {
        // The method body that declares the local: its one initializer, and no other write anywhere in it.
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        ILocalSymbol local = reference.Local;
        IOperation? initializer = null;
        foreach (IOperation operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initializer = declarator.Initializer?.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation compound } when SymbolEqualityComparer.Default.Equals(compound.Local, local):
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation incremented } when SymbolEqualityComparer.Default.Equals(incremented.Local, local):
                    return null;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation byRef }
                    when SymbolEqualityComparer.Default.Equals(byRef.Local, local):
                    return null;
            }
        }

        return initializer is null ? null : Of(initializer);
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
