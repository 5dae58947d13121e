using System.Buffers.Binary;
using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels;

/// <summary>A peer that sends garbage gets a protocol error, its connection is closed, and nothing hangs.</summary>
public class MalformedFrameTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string, byte[]> BadReplies => new()
    {
        { "unknown kind", WithByte(RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[4]), 4, 99) },
        { "non-zero reserved bytes", WithByte(RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[4]), 14, 1) },
        { "a descriptor count, where no frame carries any", WithByte(RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[4]), 12, 1) },
        { "a descriptor count over the most a frame can carry", WithByte(RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[4]), 13, 1) },
        { "length over the maximum", LengthOverMaximum() },
        { "a kind only clients send", RawPeer.Frame(FrameKind.Request, CallIdOfFirstCall, new byte[4]) },
        { "a reply to a call never made", RawPeer.Frame(FrameKind.Response, 0x00BE_EF00, new byte[4]) },
        { "a reply of the wrong size", RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[3]) },
        { "an error frame with invalid UTF-8", RawPeer.Frame(FrameKind.Error, CallIdOfFirstCall, InvalidUtf8ErrorPayload()) },
        { "a non-empty canceled frame", RawPeer.Frame(FrameKind.Canceled, CallIdOfFirstCall, new byte[4]) },
    };

    /// <summary>The id the client gives its first call (slot 0, first use).</summary>
    private const uint CallIdOfFirstCall = 0x0001_0000;

    [Theory]
    [MemberData(nameof(BadReplies))]
    public async Task ClientReceivingGarbage_FailsThePendingCallWithProtocolError_AndCloses(string scenario, byte[] garbage)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        await using var client = new CalculatorClient(clientEnd);

        Task<int> call = client.AddAsync(1, 2).AsTask();
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        peer.Send(garbage);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => call.WaitAsync(Timeout));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), scenario);

        // The client closed its end: the peer sees the end of the stream, and later calls fail as closed.
        peer.ReadToEnd();
        var later = Assert.Throws<ChannelClosedException>(() => client.Add(1, 1));
        Assert.IsType<ChannelProtocolException>(later.InnerException);
    }

    public static TheoryData<string, byte[]> CutFrames => new()
    {
        { "truncated header", new byte[] { 8, 0, 0, 0, 3 } },
        { "lying length", Truncate(RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, new byte[100]), FrameHeader.Size + 10) },
    };

    /// <summary>A stream that ends inside a frame is a peer that went away while it wrote (killed, most likely): the
    /// pending call learns the channel is closed, as it would from any other death of the peer.</summary>
    [Theory]
    [MemberData(nameof(CutFrames))]
    public async Task ClientReceivingACutFrame_FailsThePendingCallWithClosed(string scenario, byte[] cut)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        await using var client = new CalculatorClient(clientEnd);

        Task<int> call = client.AddAsync(1, 2).AsTask();
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        peer.Send(cut);
        peer.Socket.Shutdown(SocketShutdown.Send);

        var error = await Assert.ThrowsAsync<ChannelClosedException>(() => call.WaitAsync(Timeout));
        Assert.Contains("inside a", error.Message);
        Assert.Throws<ChannelClosedException>(() => client.Add(1, 1));
        Assert.False(string.IsNullOrEmpty(scenario));
    }

    [Fact]
    public async Task ClientOfAnotherContract_GetsProtocolErrorNamingBothContracts()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = Calculator.ServeAsync(serverEnd);
        await using var client = new CalculatorClient(clientEnd, contract: Calculator.OtherContract);

        var error = Assert.Throws<ChannelProtocolException>(() => client.Add(1, 2));
        Assert.Contains(Calculator.Contract.ToString(), error.Message);
        Assert.Contains(Calculator.OtherContract.ToString(), error.Message);

        var serverError = await Assert.ThrowsAsync<ChannelProtocolException>(() => server.WaitAsync(Timeout));
        Assert.Contains("Contract mismatch", serverError.Message);
    }

    public static TheoryData<string, byte[], bool, string> BadRequests => new()
    {
        { "unknown kind", WithByte(RawPeer.Frame(FrameKind.Request, 1, new byte[8]), 4, 0xEE), true, "unknown kind 238" },
        { "arguments too short", RawPeer.Frame(FrameKind.Request, 1, new byte[5], Calculator.AddId), true, "ends early" },
        { "unknown method", RawPeer.Frame(FrameKind.Request, 1, [], methodId: 4242), true, "4242" },
        { "a kind only servers send", RawPeer.Frame(FrameKind.Response, 1, new byte[4]), true, "never sends" },
        { "a request before the handshake", RawPeer.Frame(FrameKind.Request, 1, new byte[8], Calculator.AddId), false, "handshake" },
        { "a huge announced length", HugeRequestHeader(), true, "maximum frame size" },
        { "a second handshake", ClientHello(), true, "second handshake" },
        { "a handshake with a call id", WithByte(ClientHello(), 8, 5), false, "call id" },
        { "a handshake with a method id", WithByte(ClientHello(), 6, 1), false, "method id" },
        { "a handshake longer than any handshake", RawPeer.Frame(FrameKind.Hello, 0, new byte[8192]), false, "at most" },
        { "a cancel with a method id", RawPeer.Frame(FrameKind.Cancel, 1, [], methodId: 3), true, "method id" },
        { "a cancel with a payload", RawPeer.Frame(FrameKind.Cancel, 1, new byte[4]), true, "carries none" },
        { "an error frame", RawPeer.Frame(FrameKind.Error, 1, []), true, "never sends" },
        { "a canceled frame", RawPeer.Frame(FrameKind.Canceled, 1, []), true, "never sends" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ServerReceivingGarbage_FaultsWithProtocolError_AndClosesTheConnection(string scenario, byte[] garbage, bool helloFirst, string expected)
    {
        (Socket peerEnd, Socket serverEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        Task server = Calculator.ServeAsync(serverEnd);

        if (helloFirst)
        {
            peer.SendHello(Calculator.Contract, Hello.ClientRole);
        }

        peer.Send(garbage);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => server.WaitAsync(Timeout));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{scenario}: {error.Message}");
        Assert.True(peer.ReadToEnd() >= FrameHeader.Size); // the server's hello, then the end of the stream
    }

    [Fact]
    public async Task HandshakeFromTheSameRole_IsRejected()
    {
        (Socket first, Socket second) = SocketPair.Create();
        Task server1 = Calculator.ServeAsync(first);
        Task server2 = Calculator.ServeAsync(second);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => server1.WaitAsync(Timeout));
        Assert.Contains("same side", error.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => server2.WaitAsync(Timeout));
    }

    private static byte[] ClientHello() =>
        Hello.EncodeFrame(Calculator.Contract, Hello.ClientRole, HelloInfo.ForClient(ChannelOptions.DefaultMaxFrameSize));

    private static byte[] Truncate(byte[] frame, int length) => frame[..length];

    private static byte[] WithByte(byte[] frame, int offset, byte value)
    {
        frame[offset] = value;
        return frame;
    }

    private static byte[] HugeRequestHeader()
    {
        byte[] header = RawPeer.Frame(FrameKind.Request, 1, []);
        BinaryPrimitives.WriteInt32LittleEndian(header, int.MaxValue);
        return header;
    }

    private static byte[] LengthOverMaximum()
    {
        byte[] frame = RawPeer.Frame(FrameKind.Response, CallIdOfFirstCall, []);
        BinaryPrimitives.WriteInt32LittleEndian(frame, ChannelOptions.DefaultMaxFrameSize + 1);
        return frame;
    }

    private static byte[] InvalidUtf8ErrorPayload()
    {
        byte[] payload = new byte[4 + 2 + 4 + 1 + 4];
        BinaryPrimitives.WriteInt32LittleEndian(payload, 2);
        payload[4] = 0xC3; // a lead byte followed by ASCII: invalid
        payload[5] = 0x28;
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(6), 1);
        payload[10] = (byte)'m';
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(11), -1);
        return payload;
    }
}
