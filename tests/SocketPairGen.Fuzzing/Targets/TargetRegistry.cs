namespace SocketPairGen.Fuzzing.Targets;

/// <summary>The targets by name.</summary>
internal static class TargetRegistry
{
    public static IReadOnlyList<string> Names { get; } = ["server", "client", "handshake", "descriptors"];

    public static IFuzzTarget Create(string name) => name switch
    {
        "server" => new ServerTarget(),
        "client" => new ClientTarget(),
        "handshake" => new HandshakeTarget(),
        "descriptors" => new DescriptorTarget(),
        _ => throw new ArgumentException($"Unknown target '{name}'; the targets are {string.Join(", ", Names)}.", nameof(name)),
    };
}
