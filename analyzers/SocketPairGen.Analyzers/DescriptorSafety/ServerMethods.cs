using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The methods that serve a channel and the descriptors they receive (SPG0013), as one compilation knows them: a
/// method of a class or struct that implements a method of a <c>[SocketPairChannel]</c> interface, and its parameters
/// of the types a channel hands over as descriptors (<c>SafeFileHandle</c>, <c>Socket</c>, <c>SafeSocketHandle</c>,
/// <c>ChannelEnd&lt;T&gt;</c>, and single-dimensional arrays of them).
/// </summary>
internal sealed class ServerMethods
{
    private readonly ChannelTypes _types;

    private ServerMethods(ChannelTypes types) => _types = types;

    /// <summary>The server methods of <paramref name="compilation"/>; null when it has no channel contracts to serve.</summary>
    public static ServerMethods? For(Compilation compilation) =>
        ChannelTypes.For(compilation) is { } types ? new ServerMethods(types) : null;

    /// <summary>What a parameter of type <paramref name="type"/> receives: one descriptor, an array of them, or none.</summary>
    public Received KindOf(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { IsSZArray: true, ElementType: var element } when _types.IsHandle(element) => Received.Array,
        _ when _types.IsHandle(type) => Received.One,
        _ => Received.None,
    };

    /// <summary>
    /// Whether <paramref name="method"/> implements, implicitly or explicitly, a method of a channel contract that its
    /// type implements, or overrides the base method that does: the method the generated dispatcher calls for a request.
    /// </summary>
    public bool Serves(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        foreach (INamedTypeSymbol contract in type.AllInterfaces)
        {
            if (!_types.IsContract(contract))
            {
                continue;
            }

            foreach (ISymbol member in contract.GetMembers())
            {
                if (member is IMethodSymbol { IsStatic: false, IsAbstract: true, MethodKind: MethodKind.Ordinary }
                    && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                    && IsOrOverrides(method, implementation))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The interface map holds the definition part of a partial method, and the base method an override replaces.
    /// </summary>
    private static bool IsOrOverrides(IMethodSymbol method, IMethodSymbol implementation)
    {
        for (IMethodSymbol? current = method.PartialDefinitionPart ?? method; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current, implementation))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a parameter of a server method receives from the channel.</summary>
internal enum Received
{
    /// <summary>No descriptor: the parameter's type is not one a channel hands over as a descriptor.</summary>
    None,

    /// <summary>One descriptor, in its owner (a <c>SafeFileHandle</c>, a <c>Socket</c>...).</summary>
    One,

    /// <summary>An array of them, each element owned by the method.</summary>
    Array,
}
