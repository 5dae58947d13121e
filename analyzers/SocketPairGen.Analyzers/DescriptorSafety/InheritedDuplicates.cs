using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// When a duplicating call (<c>dup</c>, <c>dup2</c>, <c>dup3</c>, <c>fcntl(F_DUPFD)</c>) makes a copy that must
/// survive exec, or no copy at all: there close-on-exec would break the program, so the rules say nothing.
/// <list type="bullet">
/// <item><c>dup2</c>/<c>dup3</c> onto a number the code picks rather than onto a descriptor it holds: a constant
/// (0-2 are the standard streams every child inherits; 3 and up are the numbers a child is told to expect, as in
/// socket activation: in-process code has no use for a particular number), a parameter (the caller picks), a
/// property (<c>STDOUT_FILENO</c> in Tmds.LibC), a local only ever set to such numbers.</item>
/// <item><c>dup2</c>/<c>dup3</c> of a descriptor onto itself: it changes nothing.</item>
/// <item>any duplicating call in a forked child before exec: in the branch where <c>fork</c>/<c>vfork</c> returned
/// 0 (or after the parent's branch returned), or, in a method that does not fork, followed by a call of the exec
/// family (a child-setup method).</item>
/// </list>
/// What is left is a copy onto a descriptor the code already holds (a local, field or element holding one: the
/// "replace it in place" idiom), which loses that descriptor's close-on-exec.
/// </summary>
internal static class InheritedDuplicates
{
    private const int MaxLocalHops = 8;

    private static readonly HashSet<string> Execs = new(StringComparer.Ordinal)
    {
        "execve", "execv", "execvp", "execvpe", "execl", "execlp", "execle", "fexecve", "execveat",
    };

    /// <summary>Whether the copy <paramref name="call"/> to <paramref name="function"/> makes is meant to survive exec, or is none.</summary>
    public static bool IsDeliberate(IInvocationOperation call, string function)
    {
        if (function is "dup2" or "dup3")
        {
            IOperation? source = InvocationArguments.ValueOf(call, 0);
            IOperation? target = InvocationArguments.ValueOf(call, 1);
            if (source is null || target is null || Same(source, target) || !HoldsDescriptor(target, 0))
            {
                return true;
            }
        }

        return InForkedChild(call);
    }

    /// <summary>
    /// Whether the two descriptors of <c>dup2(source, target)</c> provably differ, so <c>dup3</c> does the same
    /// (on the same descriptor <c>dup2</c> does nothing and <c>dup3</c> fails with EINVAL): two different
    /// constants, or a source this method just created (the kernel gave it a number no open descriptor has) and a
    /// target held elsewhere.
    /// </summary>
    public static bool AreDistinct(IInvocationOperation call)
    {
        IOperation? source = InvocationArguments.ValueOf(call, 0);
        IOperation? target = InvocationArguments.ValueOf(call, 1);
        if (source is null || target is null)
        {
            return false;
        }

        if (ConstantValues.Of(source) is long s && ConstantValues.Of(target) is long t)
        {
            return s != t;
        }

        return DescriptorOrigin.Of(source) is not null
            && DescriptorPlace.Of(target) is { } targetPlace
            && DescriptorPlace.Of(source) is { } sourcePlace
            && sourcePlace != targetPlace;
    }

    /// <summary>The same constant, the same local, field or element, or the same parameter.</summary>
    private static bool Same(IOperation source, IOperation target)
    {
        if (ConstantValues.Of(source) is long s && ConstantValues.Of(target) is long t)
        {
            return s == t;
        }

        if (DescriptorPlace.Of(source) is { } sourcePlace && DescriptorPlace.Of(target) is { } targetPlace)
        {
            return sourcePlace == targetPlace;
        }

        return DescriptorPlace.Unwrap(source) is IParameterReferenceOperation first
            && DescriptorPlace.Unwrap(target) is IParameterReferenceOperation second
            && SymbolEqualityComparer.Default.Equals(first.Parameter, second.Parameter);
    }

    /// <summary>
    /// Whether <paramref name="target"/> reads a descriptor the code holds: a field, an element, a local set from
    /// one of those or from a creating call. Not a constant, parameter, property or other call, nor a local only
    /// ever set to those or counted up and down.
    /// </summary>
    private static bool HoldsDescriptor(IOperation target, int hops)
    {
        if (ConstantValues.Of(target) is not null)
        {
            return false;
        }

        switch (DescriptorPlace.Unwrap(target))
        {
            case IFieldReferenceOperation or IArrayElementReferenceOperation:
            case { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax }:
                return true;
            case IInvocationOperation call:
                return LibcCall.FunctionName(call) is { } function
                    && (DescriptorCreators.Find(function) is { DescriptorsOrdinal: null } || function == "fcntl");
            case ILocalReferenceOperation local when hops < MaxLocalHops:
                foreach ((IOperation write, IOperation? value) in new DescriptorPlace(local.Local, null).WritesIn(DescriptorPlace.Root(local)))
                {
                    if (value is null
                        ? write is not (IIncrementOrDecrementOperation or ICompoundAssignmentOperation)
                        : HoldsDescriptor(value, hops + 1))
                    {
                        return true; // an out argument, a deconstruction, or a value that is a descriptor
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="call"/> runs in a forked child that is about to exec. In a method that forks: in the
    /// child's branch (<c>if (pid == 0)</c>, <c>case 0:</c>) or after the parent's branch left
    /// (<c>if (pid != 0) return pid;</c>); what comes before the fork is the parent's. In a method that does not
    /// fork: when a call of the exec family follows (a child-setup method).
    /// </summary>
    private static bool InForkedChild(IInvocationOperation call)
    {
        IOperation root = DescriptorPlace.Root(call);
        int at = call.Syntax.SpanStart;
        bool forks = false;
        bool execFollows = false;
        foreach (IOperation operation in MethodOperations.Of(root))
        {
            if (operation is IInvocationOperation other && LibcCall.FunctionName(other) is { } function)
            {
                forks |= function is "fork" or "vfork";
                execFollows |= other.Syntax.SpanStart > at && Execs.Contains(function);
            }
        }

        if (!forks)
        {
            return execFollows;
        }

        for (IOperation node = call; node.Parent is { } parent; node = parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when node != conditional.Condition
                    && ChildWhen(conditional.Condition) is bool whenTrue
                    && (whenTrue ? conditional.WhenTrue : conditional.WhenFalse) == node:
                    return true;
                case ISwitchCaseOperation { Parent: ISwitchOperation @switch } section when IsForkResult(@switch.Value, 0) && MatchesZero(section):
                    return true;
                case IBlockOperation block when AfterTheParentLeft(block, node):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether a statement of <paramref name="block"/> before <paramref name="statement"/> returns or throws in the parent: <c>if (pid != 0) return pid;</c>.</summary>
    private static bool AfterTheParentLeft(IBlockOperation block, IOperation statement)
    {
        foreach (IOperation before in block.Operations)
        {
            if (before == statement)
            {
                return false;
            }

            if (before is IConditionalOperation { WhenFalse: null } test && ChildWhen(test.Condition) == false && Leaves(test.WhenTrue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A return, a throw or a jump, or a block that ends with one.</summary>
    private static bool Leaves(IOperation operation) => operation switch
    {
        IReturnOperation or IBranchOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IThrowOperation => true,
        IBlockOperation { Operations: { Length: > 0 } operations } => Leaves(operations[operations.Length - 1]),
        _ => false,
    };

    /// <summary>True when <paramref name="condition"/> holds in the child of a fork (<c>pid == 0</c>), false when it holds in the parent (<c>pid != 0</c>).</summary>
    private static bool? ChildWhen(IOperation condition)
    {
        switch (DescriptorPlace.Unwrap(condition))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return ChildWhen(not.Operand) is bool inner ? !inner : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when IsForkResult(comparison.LeftOperand, 0) && IsZero(comparison.RightOperand)
                    || IsForkResult(comparison.RightOperand, 0) && IsZero(comparison.LeftOperand):
                return comparison.OperatorKind == BinaryOperatorKind.Equals;
            case IIsPatternOperation test when IsForkResult(test.Value, 0):
                return test.Pattern switch
                {
                    IConstantPatternOperation constant when IsZero(constant.Value) => true,
                    INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when IsZero(constant.Value) => false,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>A zero, also through a user-defined conversion (Tmds.LibC's <c>pid_t</c> converts from <c>int</c>), which
    /// flag folding does not look through.</summary>
    private static bool IsZero(IOperation? operation) =>
        operation is IConversionOperation { OperatorMethod: not null } conversion ? IsZero(conversion.Operand) : ConstantValues.Of(operation) == 0;

    private static bool MatchesZero(ISwitchCaseOperation section)
    {
        foreach (ICaseClauseOperation clause in section.Clauses)
        {
            switch (clause)
            {
                case ISingleValueCaseClauseOperation single when IsZero(single.Value):
                case IPatternCaseClauseOperation { Pattern: IConstantPatternOperation constant } when IsZero(constant.Value):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A <c>fork()</c> or <c>vfork()</c> call, or a local assigned once from one.</summary>
    private static bool IsForkResult(IOperation? operation, int hops) => DescriptorPlace.Unwrap(operation) switch
    {
        IInvocationOperation call => LibcCall.FunctionName(call) is "fork" or "vfork",
        ILocalReferenceOperation local when hops < MaxLocalHops =>
            DescriptorOrigin.SingleWriteBefore(new DescriptorPlace(local.Local, null), local) is (_, { } value) && IsForkResult(value, hops + 1),
        _ => false,
    };
}
