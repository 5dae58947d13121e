using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether a socket or a descriptor is provably an end of a socketpair whose SO_PEERCRED names its creator rather than
/// its peer, within its method: a <c>SocketPair</c>'s <c>First</c> or <c>Second</c> (or its deconstruction),
/// <c>ChildProcess.Socket</c>, a descriptor a libc <c>socketpair</c> wrote, the handle of any of these, or a local
/// assigned once from one of them. Not <c>ChildProcess.OpenInheritedSocket()</c>: the child's end, whose peer is
/// the parent that created the pair, so the credentials are the peer's.
/// </summary>
internal sealed class SocketPairEnds(Compilation compilation)
{
    private const int MaxLocalHops = 8;

    private readonly INamedTypeSymbol? _socketPair = compilation.GetTypeByMetadataName("SocketPairGen.SocketPair");
    private readonly INamedTypeSymbol? _childProcess = compilation.GetTypeByMetadataName("SocketPairGen.ChildProcess");

    /// <summary>The Socket type, null when the compilation has none.</summary>
    public INamedTypeSymbol? Socket { get; } = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");

    /// <summary>Whether the <c>Socket</c> <paramref name="socket"/> evaluates to is an end of a socketpair.</summary>
    public bool IsSocket(IOperation? socket) => IsSocket(socket, 0);

    /// <summary>Whether the descriptor <paramref name="descriptor"/> evaluates to is an end of a socketpair.</summary>
    public bool IsDescriptor(IOperation? descriptor) => IsDescriptor(descriptor, 0);

    private bool IsSocket(IOperation? operation, int hops)
    {
        switch (DescriptorPlace.Unwrap(operation))
        {
            case IPropertyReferenceOperation { Property.Name: "First" or "Second" } end when Is(end.Property.ContainingType, _socketPair):
            case IPropertyReferenceOperation { Property.Name: "Socket" } child when Is(child.Property.ContainingType, _childProcess):
                return true;
            case ILocalReferenceOperation local when hops < MaxLocalHops:
                return DescriptorOrigin.SingleWriteBefore(new DescriptorPlace(local.Local, null), local) switch
                {
                    // var (parent, child) = pair: both are ends.
                    ({ } write, _) when write is IDeconstructionAssignmentOperation deconstruction =>
                        Is(DescriptorPlace.Unwrap(deconstruction.Value)?.Type, _socketPair),
                    (_, { } value) => IsSocket(value, hops + 1),
                    _ => false,
                };
            default:
                return false;
        }
    }

    private bool IsDescriptor(IOperation? operation, int hops)
    {
        if (operation is null)
        {
            return false;
        }

        if (DescriptorOrigin.Of(operation) is { Creator.Name: "socketpair" })
        {
            return true;
        }

        switch (DescriptorPlace.Unwrap(operation))
        {
            // (int)socket.Handle
            case IPropertyReferenceOperation { Property.Name: "Handle" } handle when Is(handle.Property.ContainingType, Socket):
                return IsSocket(handle.Instance, hops);
            // socket.SafeHandle.DangerousGetHandle()
            case IInvocationOperation { TargetMethod.Name: "DangerousGetHandle", Instance: IPropertyReferenceOperation { Property.Name: "SafeHandle" } safeHandle }
                when Is(safeHandle.Property.ContainingType, Socket):
                return IsSocket(safeHandle.Instance, hops);
            case ILocalReferenceOperation local when hops < MaxLocalHops:
                return DescriptorOrigin.SingleWriteBefore(new DescriptorPlace(local.Local, null), local) is (_, { } value)
                    && IsDescriptor(value, hops + 1);
            default:
                return false;
        }
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
