using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// A server of the Calculator contract driven by a hand-made client: the test writes request and cancel frames
/// itself and reads exactly what the server sent back. The handshake is done when <see cref="Start"/> returns.
/// </summary>
internal sealed class RawClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private RawClient(RawPeer peer, Socket serverSocket, ChannelServer? instance, Task server, HelloInfo serverLimits)
    {
        Peer = peer;
        ServerSocket = serverSocket;
        Instance = instance;
        Server = server;
        ServerLimits = serverLimits;
    }

    public RawPeer Peer { get; }

    /// <summary>The server's end; the server owns it (tests only look at how many bytes wait in it).</summary>
    public Socket ServerSocket { get; }

    /// <summary>The server, when the test supplied the dispatcher (for tests that drive its parts directly).</summary>
    public ChannelServer? Instance { get; }

    public Task Server { get; }

    /// <summary>What the server announced in its handshake.</summary>
    public HelloInfo ServerLimits { get; }

    /// <summary>Starts a server with <paramref name="dispatcher"/> (the Calculator's own when null) and does the
    /// handshake as a client that accepts frames of up to <paramref name="clientMaxFrameSize"/> bytes.</summary>
    public static RawClient Start(
        IChannelDispatcher? dispatcher = null, ChannelOptions? options = null, int clientMaxFrameSize = ChannelOptions.DefaultMaxFrameSize)
    {
        (Socket peerEnd, Socket serverEnd) = SocketPair.Create();
        ChannelServer? instance = dispatcher is null ? null : ChannelServer.Start(serverEnd, Calculator.Contract, dispatcher, options, default);
        Task server = instance?.Completion ?? Calculator.ServeAsync(serverEnd, options);
        var peer = new RawPeer(peerEnd);
        peer.Send(Hello.EncodeFrame(Calculator.Contract, Hello.ClientRole, HelloInfo.ForClient(clientMaxFrameSize)));
        (FrameHeader header, byte[] payload) = peer.ReadFrame() ?? throw new InvalidOperationException("The server sent no handshake.");
        Assert.Equal(FrameKind.Hello, header.Kind);
        return new RawClient(peer, serverEnd, instance, server, Hello.Validate(payload, Calculator.Contract, Hello.ServerRole));
    }

    public static byte[] RequestFrame(uint callId, ushort methodId, ReadOnlySpan<byte> payload = default) =>
        RawPeer.Frame(FrameKind.Request, callId, payload, methodId);

    public static byte[] CancelFrame(uint callId) => RawPeer.Frame(FrameKind.Cancel, callId, []);

    public void Request(uint callId, ushort methodId, ReadOnlySpan<byte> payload = default) => Peer.Send(RequestFrame(callId, methodId, payload));

    public void Cancel(uint callId) => Peer.Send(CancelFrame(callId));

    /// <summary>Reads the next frame the server sent; fails the test at the end of the stream or after 10 s.</summary>
    public (FrameHeader Header, byte[] Payload) Read() =>
        Peer.ReadFrame() ?? throw new InvalidOperationException("The server closed the connection.");

    /// <summary>The server faults with a protocol error, closes the connection, and the error names <paramref name="expected"/>.</summary>
    public async Task<ChannelProtocolException> AssertProtocolErrorAsync(string expected)
    {
        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => Server.WaitAsync(Timeout));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        Peer.ReadToEnd(); // returns only at the end of the stream: the server closed its end
        return error;
    }

    public void Dispose() => Peer.Dispose();
}
