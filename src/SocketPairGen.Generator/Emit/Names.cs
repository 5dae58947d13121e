namespace SocketPairGen.Generator.Emit;

/// <summary>Fully qualified names the generated code uses.</summary>
internal static class Names
{
    public const string Channels = "global::SocketPairGen.Channels";
    public const string WireWriter = Channels + ".WireWriter";
    public const string WireReader = Channels + ".WireReader";
    public const string WireValidation = Channels + ".WireValidation";
    public const string IFramePayload = Channels + ".IFramePayload";
    public const string IFrameDecoder = Channels + ".IFrameDecoder";
    public const string EmptyPayload = Channels + ".EmptyPayload";
    public const string ChannelClient = Channels + ".ChannelClient";
    public const string ChannelServer = Channels + ".ChannelServer";
    public const string ChannelContract = Channels + ".ChannelContract";
    public const string IChannelDispatcher = Channels + ".IChannelDispatcher";
    public const string ServerCall = Channels + ".ServerCall";
    public const string ChannelOptions = "global::SocketPairGen.ChannelOptions";
    public const string ChannelProtocolException = "global::SocketPairGen.ChannelProtocolException";
    public const string Socket = "global::System.Net.Sockets.Socket";
    public const string Span = "global::System.Span<byte>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<byte>";
    public const string ReadOnlyMemory = "global::System.ReadOnlyMemory<byte>";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string UnsafeAccessor = "global::System.Runtime.CompilerServices.UnsafeAccessor";
    public const string UnsafeAccessorKind = "global::System.Runtime.CompilerServices.UnsafeAccessorKind";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Exception = "global::System.Exception";
    public const string Culture = "global::System.Globalization.CultureInfo.InvariantCulture";
    public static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"SocketPairGen.Generator\", \"{typeof(Names).Assembly.GetName().Version?.ToString(3)}\")]";
}
