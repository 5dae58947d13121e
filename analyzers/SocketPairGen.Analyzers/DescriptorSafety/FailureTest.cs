using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Recognises a branch condition that tests whether a libc call failed: <c>fd &lt; 0</c>, <c>fd == -1</c>,
/// <c>(fd = open(...)) is -1</c>, <c>socketpair(...) != 0</c>, <c>rc &lt; 0</c>. libc reports failure as -1; a
/// descriptor is never negative and the calls that fill an array return 0 on success. A condition counts only when it
/// gives one answer for the failure and the opposite one for every success.
/// </summary>
/// <param name="isResult">Whether an operation is the call's result: the call, an assignment of it, or a local holding it.</param>
/// <param name="returnsDescriptor">Whether the call returns a descriptor (any success is 0 or more) rather than 0.</param>
internal sealed class FailureTest(Func<IOperation, bool> isResult, bool returnsDescriptor)
{
    // 0 is left out: code that treats descriptor 0 as a failure (fd > 0) is common, and 0 is never a new descriptor
    // unless the process closed its standard input.
    private static readonly long[] DescriptorSuccesses = [1, 3, 1024, int.MaxValue];
    private static readonly long[] ZeroSuccess = [0];

    /// <summary>True when <paramref name="condition"/> holds exactly when the call failed, false when exactly when it succeeded.</summary>
    public bool? FailureWhenTrue(IOperation condition)
    {
        condition = DescriptorPlace.Unwrap(condition)!;
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return FailureWhenTrue(not.Operand) is bool inner ? !inner : null;
        }

        Func<long, bool?>? holds = condition switch
        {
            IBinaryOperation binary => Comparison(binary),
            IIsPatternOperation { Pattern: var pattern } test when isResult(DescriptorPlace.Unwrap(test.Value)!) => value => Matches(pattern, value),
            _ => null,
        };

        if (holds?.Invoke(-1) is not bool onFailure)
        {
            return null;
        }

        foreach (long success in returnsDescriptor ? DescriptorSuccesses : ZeroSuccess)
        {
            if (holds(success) != !onFailure)
            {
                return null;
            }
        }

        return onFailure;
    }

    private Func<long, bool?>? Comparison(IBinaryOperation binary)
    {
        if (ConstantOf(binary.RightOperand) is long right && isResult(DescriptorPlace.Unwrap(binary.LeftOperand)!))
        {
            return value => Compare(binary.OperatorKind, value, right);
        }

        if (ConstantOf(binary.LeftOperand) is long left && isResult(DescriptorPlace.Unwrap(binary.RightOperand)!))
        {
            return value => Compare(binary.OperatorKind, left, value);
        }

        return null;
    }

    private static bool? Compare(BinaryOperatorKind kind, long left, long right) => kind switch
    {
        BinaryOperatorKind.Equals => left == right,
        BinaryOperatorKind.NotEquals => left != right,
        BinaryOperatorKind.LessThan => left < right,
        BinaryOperatorKind.LessThanOrEqual => left <= right,
        BinaryOperatorKind.GreaterThan => left > right,
        BinaryOperatorKind.GreaterThanOrEqual => left >= right,
        _ => null,
    };

    private static bool? Matches(IPatternOperation pattern, long value) => pattern switch
    {
        IConstantPatternOperation constant when ConstantOf(constant.Value) is long c => value == c,
        IRelationalPatternOperation relational when ConstantOf(relational.Value) is long c => Compare(relational.OperatorKind, value, c),
        INegatedPatternOperation negated => Matches(negated.Pattern, value) is bool inner ? !inner : null,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both =>
            Matches(both.LeftPattern, value) is bool l && Matches(both.RightPattern, value) is bool r ? l && r : null,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either =>
            Matches(either.LeftPattern, value) is bool l && Matches(either.RightPattern, value) is bool r ? l || r : null,
        _ => null,
    };

    private static long? ConstantOf(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: var value } ? ConstantValues.ToInt64(value) : null;
}
