using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether a write goes into the data of a control message, through the pointer <c>CMSG_DATA</c> returns:
/// <c>*(int*)CMSG_DATA(cmsg) = fd</c>, <c>((int*)CMSG_DATA(cmsg))[i] = fd</c>, or a pointer local initialised from it
/// and written nowhere else (<c>int* data = (int*)CMSG_DATA(cmsg); data[0] = fd;</c>), as SCM_RIGHTS messages are built
/// in C and in code ported from it. <c>sendmsg</c> gives the peer a duplicate: the sender still holds its descriptor and
/// must close it, and nothing takes a descriptor back out of a message it sends. So such a write is a copy, wherever
/// the buffer lives. <c>CMSG_DATA</c> is known by its name (Tmds.LibC's, or a helper of the project's own: it is the C
/// macro's name, and it means the same thing everywhere).
/// </summary>
internal static class ControlMessageData
{
    /// <summary>How many pointer locals are followed back to <c>CMSG_DATA</c>.</summary>
    private const int MaxCopies = 2;

    /// <summary>Whether the write to <paramref name="target"/> stores into a control message's data.</summary>
    public static bool Holds(IOperation target) =>
        target is { Kind: OperationKind.None, Syntax: PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PointerIndirectionExpression } or ElementAccessExpressionSyntax }
        && FirstChild(target) is { } pointer
        && FromCmsgData(pointer, 0);

    private static bool FromCmsgData(IOperation pointer, int copies)
    {
        switch (DescriptorPlace.Unwrap(pointer))
        {
            case IInvocationOperation { TargetMethod.Name: "CMSG_DATA", Type: IPointerTypeSymbol }:
                return true;
            case ILocalReferenceOperation { Local: { IsRef: false, Type: IPointerTypeSymbol } local } reference when copies < MaxCopies:
                IOperation? only = null;
                foreach ((IOperation _, IOperation? value) in new DescriptorPlace(local, null).WritesIn(DescriptorPlace.Root(reference)))
                {
                    if (only is not null || value is null)
                    {
                        return false;
                    }

                    only = value;
                }

                return only is not null && FromCmsgData(only, copies + 1);
            default:
                return false;
        }
    }

    private static IOperation? FirstChild(IOperation operation)
    {
        foreach (IOperation child in operation.ChildOperations)
        {
            return child;
        }

        return null;
    }
}
