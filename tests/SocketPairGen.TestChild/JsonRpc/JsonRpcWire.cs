using StreamJsonRpc;

namespace SocketPairGen.TestChild.JsonRpcContracts;

/// <summary>How the two StreamJsonRpc ends frame and encode messages; both ends must agree.</summary>
public enum JsonRpcWireFormat
{
    /// <summary>The default: System.Text.Json (UTF-8 JSON, byte[] as base64) with a 4-byte big-endian length prefix.</summary>
    SystemTextJsonLengthHeader,

    /// <summary>System.Text.Json with HTTP-like <c>Content-Length</c> headers (the LSP framing).</summary>
    SystemTextJsonHeaderDelimited,

    /// <summary>StreamJsonRpc's out-of-the-box combination: Newtonsoft.Json with <c>Content-Length</c> headers.</summary>
    NewtonsoftHeaderDelimited,

    /// <summary>Nerdbank.MessagePack (binary; byte[] as MessagePack bin) with a 4-byte length prefix; type shapes
    /// from PolyType's source generator (the contract's [GenerateShape]).</summary>
    NerdbankMessagePackLengthHeader,
}

/// <summary>Both ends of the StreamJsonRpc peer: the message handler for a <see cref="JsonRpcWireFormat"/>, and the client.</summary>
public static class JsonRpcWire
{
    public const JsonRpcWireFormat DefaultFormat = JsonRpcWireFormat.SystemTextJsonLengthHeader;

    public static IJsonRpcMessageHandler CreateHandler(Stream duplex, JsonRpcWireFormat format = DefaultFormat) => format switch
    {
        JsonRpcWireFormat.SystemTextJsonLengthHeader => new LengthHeaderMessageHandler(duplex, duplex, new SystemTextJsonFormatter()),
        JsonRpcWireFormat.SystemTextJsonHeaderDelimited => new HeaderDelimitedMessageHandler(duplex, duplex, new SystemTextJsonFormatter()),
        JsonRpcWireFormat.NewtonsoftHeaderDelimited => new HeaderDelimitedMessageHandler(duplex, duplex, new JsonMessageFormatter()),
        JsonRpcWireFormat.NerdbankMessagePackLengthHeader => new LengthHeaderMessageHandler(duplex, duplex, new NerdbankMessagePackFormatter
        {
            TypeShapeProvider = PolyType.SourceGenerator.TypeShapeProvider_SocketPairGen_TestChild.Default,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown JSON-RPC wire format."),
    };

    /// <summary>
    /// The client end on <paramref name="duplex"/>: a listening <see cref="JsonRpc"/> and its proxy, which must be the
    /// source-generated one (Attach throws rather than fall back to a dynamically emitted proxy).
    /// </summary>
    /// <returns>The connection; disposing it closes the stream's use (not the stream itself).</returns>
    public static JsonRpc Connect(Stream duplex, JsonRpcWireFormat format, out IJsonRpcCalculator proxy)
    {
        var rpc = new JsonRpc(CreateHandler(duplex, format));
        try
        {
            proxy = rpc.Attach<IJsonRpcCalculator>(new JsonRpcProxyOptions
            {
                ProxySource = JsonRpcProxyOptions.ProxyImplementation.AlwaysSourceGenerated,
            });
            rpc.StartListening();
            return rpc;
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    /// <summary>Parses a child-mode argument: the enum member's name, case-insensitive.</summary>
    public static JsonRpcWireFormat Parse(string name) =>
        Enum.TryParse(name, ignoreCase: true, out JsonRpcWireFormat format) && Enum.IsDefined(format)
            ? format
            : throw new ArgumentException($"Unknown JSON-RPC wire format '{name}'; expected one of {string.Join(", ", Enum.GetNames<JsonRpcWireFormat>())}.", nameof(name));
}
