using System.Net.Sockets;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Client;

/// <summary>
/// Scenario 5 of the hardening issue, the client's side: frames a server must never send once the handshake is done
/// close the channel with a protocol error, fail the call in flight, and every later call is told the channel is closed.
/// </summary>
public class ClientProtocolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The id the client gives its first call (slot 0, first use); it is a call of method 0 (Add).</summary>
    private const uint CallIdOfFirstCall = 0x0001_0000;

    public static TheoryData<string, byte[], string> BadFrames => new()
    {
        { "a second handshake", Hello.EncodeFrame(Calculator.Contract, Hello.ServerRole, new HelloInfo(1 << 20, 16, 1 << 20)), "second handshake" },
        { "a Canceled frame with a payload", RawPeer.Frame(FrameKind.Canceled, CallIdOfFirstCall, [1, 2, 3], Calculator.AddId), "Canceled frame with 3 bytes of payload" },
        { "a reply naming another method", RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[4], Calculator.PingId), "naming method 5" },
        { "an error naming another method", RawPeer.Frame(FrameKind.Error, CallIdOfFirstCall, new byte[12], Calculator.EchoId), "naming method 1" },
        { "a Canceled frame for a call never made", RawPeer.Frame(FrameKind.Canceled, 0x0002_0000, [], Calculator.AddId), "not in flight" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task FrameAServerMustNotSend_FailsTheCallInFlight_AndClosesTheChannel(string scenario, byte[] frame, string expected)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        await using var client = new CalculatorClient(clientEnd);
        Task<int> call = client.AddAsync(1, 2).AsTask();
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        Assert.Equal(CallIdOfFirstCall, peer.ReadFrame()!.Value.Header.CallId);

        peer.Send(frame);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => call.WaitAsync(Timeout));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{scenario}: {error.Message}");
        peer.ReadToEnd();
        var later = Assert.Throws<ChannelClosedException>(() => client.Add(1, 1));
        Assert.IsType<ChannelProtocolException>(later.InnerException);
    }
}
