using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.Tests.Channels.Server;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels;

/// <summary>
/// A contract name may have up to <see cref="ChannelContract.MaxNameLength"/> UTF-8 bytes (the constructor allows it):
/// its handshake must fit the Hello frame's limit. Found while writing WIRE-FORMAT.md: the limit counted the name but
/// not its 2-byte length, so names of 1023 and 1024 bytes could never handshake.
/// </summary>
public class HandshakeNameLengthTests
{
    [Theory]
    [InlineData(1022)]
    [InlineData(1023)]
    [InlineData(ChannelContract.MaxNameLength)]
    public async Task Handshake_LongestContractName_IsAccepted(int nameLength)
    {
        var contract = new ChannelContract(new string('N', nameLength), 42, methodCount: 1);
        (Socket peerEnd, Socket serverEnd) = SocketPair.Create();
        Task server = ChannelServer.ServeAsync(serverEnd, contract, new DelegateDispatcher((call, _) => call.ReplyError(new InvalidOperationException())));
        using var peer = new RawPeer(peerEnd);

        peer.SendHello(contract, Hello.ClientRole);
        (FrameHeader header, byte[] payload) = peer.ReadFrame() ?? throw new InvalidOperationException("The server sent no handshake.");
        Hello.Validate(payload, contract, Hello.ServerRole);
        peer.Socket.Shutdown(SocketShutdown.Send);

        await server.WaitAsync(TimeSpan.FromSeconds(10)); // completes (the client left), does not fault
        Assert.Equal(FrameKind.Hello, header.Kind);
    }
}
