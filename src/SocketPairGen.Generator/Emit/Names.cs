namespace SocketPairGen.Generator.Emit;

/// <summary>Fully qualified names the generated code uses.</summary>
internal static class Names
{
    public const string Channels = "global::SocketPairGen.Channels";
    public const string Codecs = Channels + ".Codecs";
    public const string WireWriter = Channels + ".WireWriter";
    public const string WireReader = Channels + ".WireReader";
    public const string IFramePayload = Channels + ".IFramePayload";
    public const string Arguments = Codecs + ".Arguments";
    public const string ResultDecoder = Codecs + ".ResultDecoder";
    public const string EmptyPayload = Channels + ".EmptyPayload";
    public const string ChannelClient = Channels + ".ChannelClient";
    public const string ChannelServer = Channels + ".ChannelServer";
    public const string ChannelProxy = Channels + ".ChannelProxy";
    public const string ChannelContract = Channels + ".ChannelContract";
    public const string IChannelDispatcher = Channels + ".IChannelDispatcher";
    public const string ServerCall = Channels + ".ServerCall";
    public const string WireValidation = Channels + ".WireValidation";
    public const string StructBytes = Codecs + ".StructBytes";
    public const string ChannelOptions = "global::SocketPairGen.ChannelOptions";
    public const string Socket = "global::System.Net.Sockets.Socket";
    public const string Span = "global::System.Span<byte>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<byte>";
    public const string ReadOnlyMemory = "global::System.ReadOnlyMemory<byte>";
    public const string UnsafeAccessor = "global::System.Runtime.CompilerServices.UnsafeAccessor";
    public const string UnsafeAccessorKind = "global::System.Runtime.CompilerServices.UnsafeAccessorKind";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string Hidden = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
    public static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"SocketPairGen.Generator\", \"{typeof(Names).Assembly.GetName().Version?.ToString(3)}\")]";
}
