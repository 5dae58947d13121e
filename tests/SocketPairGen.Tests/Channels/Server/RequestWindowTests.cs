using System.Diagnostics;
using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// Scenario 6: the server always reads. It enforces the request window it announces (unanswered requests, by count
/// and payload bytes) instead of pushing back, so a saturated server still sees Cancel frames and the end of the stream.
/// </summary>
public class RequestWindowTests
{
    private static readonly byte[] ThirtySeconds = BitConverter.GetBytes(30_000);

    [Fact]
    public void TheServerAnnouncesItsWindow()
    {
        using RawClient small = RawClient.Start(options: new ChannelOptions { MaxFrameSize = 4096 });
        Assert.Equal(new HelloInfo(4096, 4096, 1 << 20), small.ServerLimits);

        using RawClient large = RawClient.Start();
        Assert.Equal(new HelloInfo(ChannelOptions.DefaultMaxFrameSize, 4096, 4L * ChannelOptions.DefaultMaxFrameSize), large.ServerLimits);
    }

    [Fact]
    public async Task RequestBeyondTheCountWindow_IsAProtocolError()
    {
        using RawClient client = RawClient.Start();
        int window = client.ServerLimits.RequestWindowCount;
        client.Peer.Send(FillCountWindow(window));
        client.Request((uint)window + 1, Calculator.PingId);

        await client.AssertProtocolErrorAsync("window");
    }

    [Fact]
    public async Task RequestBeyondTheByteWindow_IsAProtocolError()
    {
        using RawClient client = RawClient.Start(options: new ChannelOptions { MaxFrameSize = 4096 });
        long windowBytes = client.ServerLimits.RequestWindowBytes;
        uint id = FillByteWindow(client, windowBytes, out long unansweredBytes);
        Assert.Equal(windowBytes, unansweredBytes);
        client.Request(id, Calculator.EchoId, EchoPayload(0)); // 4 bytes too many

        await client.AssertProtocolErrorAsync("window");
    }

    [Fact]
    public async Task SaturatedServer_StillSeesCancelFrames()
    {
        using RawClient client = RawClient.Start(options: new ChannelOptions { MaxConcurrentCalls = 1, MaxFrameSize = 4096 });
        FillByteWindow(client, client.ServerLimits.RequestWindowBytes, out _);

        var stopwatch = Stopwatch.StartNew();
        client.Cancel(1); // the running 30 s delay
        (FrameHeader header, _) = client.Read();
        Assert.Equal((FrameKind.Canceled, 1u), (header.Kind, header.CallId));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the cancel took {stopwatch.Elapsed}");
        Assert.Equal(FrameKind.Response, client.Read().Header.Kind); // the queued echoes run now
        Assert.False(client.Server.IsCompleted);
    }

    [Fact]
    public async Task SaturatedServer_SeesTheEndOfTheStream()
    {
        using RawClient client = RawClient.Start(options: new ChannelOptions { MaxConcurrentCalls = 1 });
        client.Peer.Send(FillCountWindow(client.ServerLimits.RequestWindowCount));
        await Task.Delay(100);

        var stopwatch = Stopwatch.StartNew();
        client.Peer.Socket.Shutdown(SocketShutdown.Send);
        await client.Server.WaitAsync(RawClient.Timeout);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"serving took {stopwatch.Elapsed} to end");
    }

    [Fact]
    public async Task ClientFloodingPastTheWindowAndDying_EndsServingAtOnce()
    {
        // A client that ignores the window and then dies: the server neither buffers without limit nor stops
        // reading; serving ends well before the running 30 s call would have finished.
        using RawClient client = RawClient.Start(options: new ChannelOptions { MaxConcurrentCalls = 1 });
        int window = client.ServerLimits.RequestWindowCount;
        Task flood = Task.Run(() =>
        {
            try
            {
                client.Peer.Send(FillCountWindow(2 * window));
            }
            catch (SocketException)
            {
                // The server closed the connection: expected.
            }

            client.Peer.Socket.Shutdown(SocketShutdown.Send);
        });

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server.WaitAsync(RawClient.Timeout));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"serving took {stopwatch.Elapsed} to end");
        await flood.WaitAsync(RawClient.Timeout);
    }

    [Fact]
    public async Task CancellingAQueuedRequest_AnswersAtOnce_AndReturnsItsCredit()
    {
        using RawClient client = RawClient.Start(options: new ChannelOptions { MaxConcurrentCalls = 1 });
        int window = client.ServerLimits.RequestWindowCount;
        client.Peer.Send(FillCountWindow(window));

        var stopwatch = Stopwatch.StartNew();
        client.Cancel(2); // a queued ping
        (FrameHeader header, _) = client.Read();
        Assert.Equal((FrameKind.Canceled, 2u, Calculator.PingId), (header.Kind, header.CallId, header.MethodId));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the cancel took {stopwatch.Elapsed}");

        client.Request((uint)window + 1, Calculator.PingId); // fits again
        client.Cancel(1);
        Assert.Equal((FrameKind.Canceled, 1u), Read(client));
        for (uint id = 3; id <= window + 1; id++)
        {
            Assert.Equal((FrameKind.Response, id), Read(client));
        }

        Assert.False(client.Server.IsCompleted);
    }

    [Fact]
    public void ClientKeepingTheWindowFull_IsNeverRefused()
    {
        // Credit returns when the reply is sent, so a client may send a new request the moment it reads a reply,
        // even while the thread that replied is still finishing the call. Replies come from the thread pool here.
        var dispatcher = new DelegateDispatcher((call, _) => ThreadPool.UnsafeQueueUserWorkItem(
            static c => c.Reply(default(EmptyPayload)), call, preferLocal: false));
        using RawClient client = RawClient.Start(dispatcher, new ChannelOptions { MaxConcurrentCalls = 8192 });
        int window = client.ServerLimits.RequestWindowCount;
        client.Peer.Send(FillCountWindow(window, first: Calculator.PingId));

        uint next = (uint)window + 1;
        for (int i = 0; i < 30_000; i++)
        {
            Assert.Equal(FrameKind.Response, client.Read().Header.Kind);
            client.Request(next++, Calculator.PingId);
        }

        for (int i = 0; i < window; i++)
        {
            Assert.Equal(FrameKind.Response, client.Read().Header.Kind);
        }

        Assert.False(client.Server.IsCompleted);
    }

    /// <summary>Call 1 is a 30 s delay (or <paramref name="first"/>), calls 2 to <paramref name="count"/> pings.</summary>
    private static byte[] FillCountWindow(int count, ushort first = Calculator.DelayId)
    {
        var frames = new List<byte>();
        frames.AddRange(RawClient.RequestFrame(1, first, first == Calculator.DelayId ? ThirtySeconds : []));
        for (uint id = 2; id <= count; id++)
        {
            frames.AddRange(RawClient.RequestFrame(id, Calculator.PingId));
        }

        return [.. frames];
    }

    /// <summary>Call 1 is a 30 s delay, then echoes fill the byte window exactly; returns the next free id.</summary>
    private static uint FillByteWindow(RawClient client, long windowBytes, out long unansweredBytes)
    {
        client.Request(1, Calculator.DelayId, ThirtySeconds);
        unansweredBytes = ThirtySeconds.Length;
        uint id = 2;
        int blockLength = 4000;
        while (unansweredBytes < windowBytes)
        {
            int length = (int)Math.Min(4 + blockLength, windowBytes - unansweredBytes);
            client.Request(id++, Calculator.EchoId, EchoPayload(length - 4));
            unansweredBytes += length;
        }

        return id;
    }

    private static byte[] EchoPayload(int blockLength)
    {
        byte[] payload = new byte[4 + blockLength];
        BitConverter.TryWriteBytes(payload, blockLength);
        return payload;
    }

    private static (FrameKind, uint) Read(RawClient client)
    {
        FrameHeader header = client.Read().Header;
        return (header.Kind, header.CallId);
    }
}
