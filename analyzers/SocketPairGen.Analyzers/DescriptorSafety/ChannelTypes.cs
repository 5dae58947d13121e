using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The types channels are made of, as one compilation knows them: the <c>[SocketPairChannel]</c> attribute that marks
/// a contract, and the types a channel hands over as descriptors (<c>SafeFileHandle</c>, <c>Socket</c>,
/// <c>SafeSocketHandle</c>, <c>ChannelEnd&lt;T&gt;</c>). Shared by the rules that follow what a server receives
/// (SPG0013) and what a client's call returns (SPG0011).
/// </summary>
internal sealed class ChannelTypes
{
    private readonly INamedTypeSymbol _channelAttribute;
    private readonly INamedTypeSymbol?[] _handles;

    private ChannelTypes(INamedTypeSymbol channelAttribute, Compilation compilation)
    {
        _channelAttribute = channelAttribute;
        _handles =
        [
            compilation.GetTypeByMetadataName("Microsoft.Win32.SafeHandles.SafeFileHandle"),
            compilation.GetTypeByMetadataName("System.Net.Sockets.Socket"),
            compilation.GetTypeByMetadataName("System.Net.Sockets.SafeSocketHandle"),
        ];
        ChannelEnd = compilation.GetTypeByMetadataName("SocketPairGen.ChannelEnd`1");
    }

    /// <summary><c>ChannelEnd&lt;TContract&gt;</c>, unconstructed; null when the runtime predates it.</summary>
    public INamedTypeSymbol? ChannelEnd { get; }

    /// <summary>The channel types of <paramref name="compilation"/>; null when it cannot declare a channel contract.</summary>
    public static ChannelTypes? For(Compilation compilation) =>
        compilation.GetTypeByMetadataName("SocketPairGen.SocketPairChannelAttribute") is { } attribute
            ? new ChannelTypes(attribute, compilation)
            : null;

    /// <summary>Whether <paramref name="type"/> carries <c>[SocketPairChannel]</c>.</summary>
    public bool IsContract(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _channelAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a channel hands a value of <paramref name="type"/> over as one descriptor.</summary>
    public bool IsHandle(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (ChannelEnd is not null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ChannelEnd))
        {
            return true;
        }

        foreach (INamedTypeSymbol? handle in _handles)
        {
            if (handle is not null && SymbolEqualityComparer.Default.Equals(named, handle))
            {
                return true;
            }
        }

        return false;
    }
}
