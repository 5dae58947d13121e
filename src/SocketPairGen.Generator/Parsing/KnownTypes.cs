using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Parsing;

/// <summary>The framework types the parser recognises, looked up once per parse.</summary>
internal sealed class KnownTypes
{
    public KnownTypes(Compilation compilation)
    {
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Int128 = compilation.GetTypeByMetadataName("System.Int128");
        UInt128 = compilation.GetTypeByMetadataName("System.UInt128");
        Half = compilation.GetTypeByMetadataName("System.Half");
        ReadOnlyMemory = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
        Memory = compilation.GetTypeByMetadataName("System.Memory`1");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        Span = compilation.GetTypeByMetadataName("System.Span`1");
        FlagsAttribute = compilation.GetTypeByMetadataName("System.FlagsAttribute");
        StructLayoutAttribute = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.StructLayoutAttribute");
        FieldOffsetAttribute = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.FieldOffsetAttribute");
        InlineArrayAttribute = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.InlineArrayAttribute");
        SafeFileHandle = compilation.GetTypeByMetadataName("Microsoft.Win32.SafeHandles.SafeFileHandle");
        Socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
        SafeSocketHandle = compilation.GetTypeByMetadataName("System.Net.Sockets.SafeSocketHandle");
        ChannelEnd = compilation.GetTypeByMetadataName("SocketPairGen.ChannelEnd`1");
        MaxDescriptorsAttribute = compilation.GetTypeByMetadataName("SocketPairGen.MaxDescriptorsAttribute");
        SocketPairChannelAttribute = compilation.GetTypeByMetadataName("SocketPairGen.SocketPairChannelAttribute");
    }

    public INamedTypeSymbol? SafeFileHandle { get; }

    public INamedTypeSymbol? Socket { get; }

    public INamedTypeSymbol? SafeSocketHandle { get; }

    public INamedTypeSymbol? ChannelEnd { get; }

    public INamedTypeSymbol? MaxDescriptorsAttribute { get; }

    public INamedTypeSymbol? SocketPairChannelAttribute { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Int128 { get; }

    public INamedTypeSymbol? UInt128 { get; }

    public INamedTypeSymbol? Half { get; }

    public INamedTypeSymbol? ReadOnlyMemory { get; }

    public INamedTypeSymbol? Memory { get; }

    public INamedTypeSymbol? ReadOnlySpan { get; }

    public INamedTypeSymbol? Span { get; }

    public INamedTypeSymbol? FlagsAttribute { get; }

    public INamedTypeSymbol? StructLayoutAttribute { get; }

    public INamedTypeSymbol? FieldOffsetAttribute { get; }

    public INamedTypeSymbol? InlineArrayAttribute { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    public static bool IsConstructedFrom(ITypeSymbol? type, INamedTypeSymbol? genericDefinition) =>
        genericDefinition is not null && type is INamedTypeSymbol { IsGenericType: true } named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, genericDefinition);
}
