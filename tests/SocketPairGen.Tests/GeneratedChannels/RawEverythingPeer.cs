using System.Net.Sockets;
using SocketPairGen.Tests.Channels;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>
/// A generated <see cref="IEverything"/> client or server facing a raw peer: captures the frame a real client sends
/// for a call, feeds a server a request of the test's making, or answers a client's call with a reply of the test's
/// making. Every wait is bounded.
/// </summary>
internal static class RawEverythingPeer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Lets a generated client send one request to a raw server, and returns that request's frame.</summary>
    public static async Task<(FrameHeader Header, byte[] Payload)> CaptureRequestAsync(Func<IEverything, object> call)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        peer.SendHello(IEverything.Client.Contract, Hello.ServerRole);
        IEverything.Client client = IEverything.Connect(clientEnd);
        Task pending = Task.Run(() => call(client));
        try
        {
            Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
            (FrameHeader Header, byte[] Payload) request = peer.ReadFrame()!.Value;
            Assert.Equal(FrameKind.Request, request.Header.Kind);
            return request;
        }
        finally
        {
            await client.DisposeAsync();
            await Assert.ThrowsAsync<ChannelClosedException>(() => pending.WaitAsync(Timeout));
        }
    }

    /// <summary>Sends a generated server one request from a raw client and returns how serving ended (faulted,
    /// the test expects, or a <see cref="TimeoutException"/> when the server took the request as valid).</summary>
    public static async Task<Exception?> ServeOneRequestAsync(FrameHeader header, byte[] payload)
    {
        (Socket peerEnd, Socket serverEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        Task server = IEverything.ServeAsync(serverEnd, new Everything());
        peer.SendHello(IEverything.Client.Contract, Hello.ClientRole);
        peer.Send(RawPeer.Frame(FrameKind.Request, header.CallId, payload, header.MethodId));
        return await Record.ExceptionAsync(() => server.WaitAsync(Timeout));
    }

    /// <summary>Makes a call with a generated client whose raw server answers it with <paramref name="replyPayload"/>;
    /// returns what the call returned.</summary>
    public static async Task<object> CallAnsweredWithAsync(Func<IEverything, object> call, byte[] replyPayload)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        peer.SendHello(IEverything.Client.Contract, Hello.ServerRole);
        await using IEverything.Client client = IEverything.Connect(clientEnd);
        Task<object> pending = Task.Run(() => call(client));
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        (FrameHeader request, _) = peer.ReadFrame()!.Value;
        peer.Send(RawPeer.Frame(FrameKind.Response, request.CallId, replyPayload, request.MethodId));
        return await pending.WaitAsync(Timeout);
    }
}
