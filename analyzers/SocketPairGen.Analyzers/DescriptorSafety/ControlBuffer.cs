using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether a <c>recvmsg(fd, msg, flags)</c> provably cannot receive descriptors, so SPG0007 has nothing to say:
/// <list type="bullet">
/// <item>its flags have <c>MSG_ERRQUEUE</c>: the error queue carries extended errors and timestamps, never
/// <c>SCM_RIGHTS</c>;</item>
/// <item>its <c>msghdr</c> is a local of the method (passed as <c>&amp;msg</c> or <c>ref msg</c>) that starts zeroed
/// (<c>default</c>, <c>new T()</c>, an object initializer) and whose <c>msg_control</c> is only ever set to null, or
/// whose <c>msg_controllen</c> is only ever set to 0: no control buffer, no descriptors.</item>
/// </list>
/// Any other use of the local (its address kept or handed to another method, the whole struct assigned, a write to
/// those fields through a pointer or a <c>ref</c>) leaves the buffer unknown, and the call is judged by its flags.
/// </summary>
internal static class ControlBuffer
{
    private const string Control = "msg_control";
    private const string ControlLength = "msg_controllen";

    public static bool CannotCarryDescriptors(IInvocationOperation recvmsg, IOperation? flags) =>
        ConstantValues.HasFlag(flags, LinuxFlags.MsgErrQueue) == true || HasNoControlBuffer(recvmsg);

    private static bool HasNoControlBuffer(IInvocationOperation recvmsg)
    {
        if (HeaderLocal(InvocationArguments.ValueOf(recvmsg, 1), recvmsg) is not { } header
            || ControlMembers(header.Type) is not var (control, controlLength))
        {
            return false;
        }

        IOperation root = DescriptorPlace.Root(recvmsg);
        var writes = new Dictionary<string, bool>(System.StringComparer.Ordinal) { [control] = true, [controlLength] = true };
        bool initialized = false;
        foreach (IOperation operation in MethodOperations.Of(root))
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, header))
            {
                initialized = declarator.Initializer?.Value is { } initializer && StartsZeroed(initializer, writes);
                if (!initialized)
                {
                    return false;
                }
            }
            else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, header) && !Follow(use, writes))
            {
                return false;
            }
        }

        return initialized && (writes[control] || writes[controlLength]);
    }

    /// <summary>
    /// The names of the header's control buffer and its length: <c>msg_control</c> and <c>msg_controllen</c> as in C
    /// (Tmds.LibC, most bindings), else the fifth and sixth of the seven fields of a struct laid out as msghdr
    /// (<c>Control</c>, <c>ControlLength</c>). Null for any other type: its buffer cannot be known.
    /// </summary>
    private static (string Control, string ControlLength)? ControlMembers(ITypeSymbol type)
    {
        if (!type.GetMembers(Control).IsEmpty && !type.GetMembers(ControlLength).IsEmpty)
        {
            return (Control, ControlLength);
        }

        var fields = new List<IFieldSymbol>();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: false } field)
            {
                fields.Add(field);
            }
        }

        return type.TypeKind == TypeKind.Struct && fields.Count == 7 && fields[4].Type.TypeKind is TypeKind.Pointer or TypeKind.Struct
            ? (fields[4].Name, fields[5].Name)
            : null;
    }

    /// <summary>The local whose address or reference is the header argument: <c>&amp;msg</c>, <c>ref msg</c>.</summary>
    private static ILocalSymbol? HeaderLocal(IOperation? argument, IInvocationOperation recvmsg) => DescriptorPlace.Unwrap(argument) switch
    {
        IAddressOfOperation { Reference: ILocalReferenceOperation local } => local.Local,
        ILocalReferenceOperation local when recvmsg.TargetMethod.Parameters.Length > 1
            && recvmsg.TargetMethod.Parameters[1].RefKind is RefKind.Ref or RefKind.In or RefKind.Out => local.Local,
        _ => null,
    };

    /// <summary>
    /// Records what one use of the header local does to the control fields; false when the use may change them
    /// unseen (or the whole struct), so the buffer cannot be known.
    /// </summary>
    private static bool Follow(ILocalReferenceOperation use, Dictionary<string, bool> writes)
    {
        switch (use.Parent)
        {
            case IMemberReferenceOperation member when member.Instance == use:
                return FollowMember(member, writes);
            case IAddressOfOperation address:
                return IsRecvmsgArgument(address);
            case IArgumentOperation { Parameter.RefKind: not RefKind.None } argument:
                return argument.Parent is IInvocationOperation call && LibcCall.FunctionName(call) == "recvmsg";
            case IArgumentOperation:
                return true; // a copy
            case IVariableInitializerOperation or IConversionOperation { Parent: IVariableInitializerOperation }:
                return true; // var copy = msg;
            default:
                return false;
        }
    }

    private static bool FollowMember(IMemberReferenceOperation member, Dictionary<string, bool> writes)
    {
        string name = member.Member.Name;
        if (!writes.ContainsKey(name))
        {
            return true;
        }

        switch (member.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == member:
                writes[name] &= IsZero(assignment.Value);
                return true;
            case IAssignmentOperation assignment when assignment.Target == member:
            case IAddressOfOperation:
            case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
            case IIncrementOrDecrementOperation:
                return false;
            default:
                return true; // a read
        }
    }

    /// <summary>Whether <paramref name="address"/> (<c>&amp;msg</c>) goes straight to a recvmsg call, which may read the header but sets no buffer.</summary>
    private static bool IsRecvmsgArgument(IAddressOfOperation address)
    {
        IOperation node = address;
        while (node.Parent is IConversionOperation or IParenthesizedOperation)
        {
            node = node.Parent;
        }

        return node.Parent is IArgumentOperation { Parent: IInvocationOperation call } && LibcCall.FunctionName(call) == "recvmsg";
    }

    /// <summary>Whether the header starts zeroed, recording the control fields its object initializer sets.</summary>
    private static bool StartsZeroed(IOperation initializer, Dictionary<string, bool> writes)
    {
        switch (DescriptorPlace.Unwrap(initializer))
        {
            case IDefaultValueOperation:
                return true;
            case IObjectCreationOperation { Arguments.Length: 0 } creation:
                foreach (IOperation entry in creation.Initializer?.Initializers ?? [])
                {
                    if (entry is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member.Name: var name } } assignment)
                    {
                        return false;
                    }

                    if (writes.ContainsKey(name))
                    {
                        writes[name] &= IsZero(assignment.Value);
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary><c>null</c>, <c>0</c>, <c>default</c>, <c>(void*)0</c>, <c>IntPtr.Zero</c>.</summary>
    private static bool IsZero(IOperation value) => DescriptorPlace.Unwrap(value) switch
    {
        { ConstantValue: { HasValue: true, Value: null } } => true,
        { ConstantValue.HasValue: true } constant => ConstantValues.ToInt64(constant.ConstantValue.Value) == 0,
        IDefaultValueOperation => true,
        IFieldReferenceOperation { Field.Name: "Zero", Field.ContainingType.SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr } => true,
        IConversionOperation conversion => IsZero(conversion.Operand),
        _ => false,
    };
}
