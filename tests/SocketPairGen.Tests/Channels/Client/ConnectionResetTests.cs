using System.Net.Sockets;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Client;

/// <summary>
/// A peer that closes its end with our request still unread in it resets the connection: the kernel answers the
/// client's read with ECONNRESET, and the pending call fails with <see cref="ChannelClosedException"/> whose inner
/// exception says so as <see cref="Socket"/> would (<see cref="SocketError.ConnectionReset"/>), although the channel
/// reads with its own <c>recvmsg</c>.
/// </summary>
public class ConnectionResetTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task APeerClosingWithARequestUnread_FailsTheCall_AsAConnectionReset()
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        var peer = new RawPeer(peerEnd);
        await using var client = new CalculatorClient(clientEnd);
        Task<int> call = client.AddAsync(1, 2).AsTask();
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);

        // The request stays unread in the peer's socket when it closes.
        await WaitUntilRequestArrivesAsync(peerEnd);
        peer.Dispose();

        var error = await Assert.ThrowsAsync<ChannelClosedException>(() => call.WaitAsync(Timeout));
        var cause = Assert.IsType<SocketException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionReset, cause.SocketErrorCode);
        Assert.Contains("ECONNRESET", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilRequestArrivesAsync(Socket socket)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (socket.Available < FrameHeader.Size)
        {
            Assert.True(clock.Elapsed < Timeout, "The request never arrived.");
            await Task.Delay(10);
        }
    }
}
