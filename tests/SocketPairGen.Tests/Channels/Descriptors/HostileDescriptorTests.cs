using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.TestContracts;
using SocketPairGen.Tests.GeneratedChannels.Handles;
using SocketPairGen.Wire;
using static SocketPairGen.Tests.Channels.Descriptors.HostileDescriptorPeer;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// A peer sends descriptors a contract does not allow, of the wrong kind, or names them wrongly in the payload: the
/// receiver (the generated server or client) refuses the frame as a protocol error and closes every descriptor that
/// came with it, including those it had already wrapped. Each test sends a file or socket of its own and checks that
/// afterwards only the test's own descriptor refers to it.
/// </summary>
public sealed class HostileDescriptorTests
{
    [Fact]
    public async Task SocketParameter_ReceivingARegularFile_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("not a socket");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("WriteTo"), 1, 1, 0, 0), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("not a socket", error.Message);
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task SocketHandleParameter_ReceivingARegularFile_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("not a socket either");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("WriteValueTo"), 1, 1, 0, 7), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("not a socket", error.Message);
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task ChannelEndParameter_ReceivingAUdpSocket_IsRefused()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        string target = OpenCopies.TargetOf(udp.SafeHandle);
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("UseCounter"), 1, 1, 0, 5), (int)udp.Handle);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("not an AF_UNIX stream socket", error.Message);
        OpenCopies.AssertOnly(target, (int)udp.Handle);
    }

    [Fact]
    public async Task MoreDescriptorsThanTheMethodsArgumentsHold_AreRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("one too many");
        string target = OpenCopies.TargetOf(file);
        int fd = (int)file.DangerousGetHandle();
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("ReadText"), 1, 2, 0), fd, fd);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("ReadText with 2 descriptor(s); its arguments hold at most 1", error.Message);
        OpenCopies.AssertOnly(target, fd);
    }

    [Fact]
    public async Task ADescriptorForAMethodThatTakesNone_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("unwanted");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("OpenDescriptors"), 1, 1), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("its arguments hold at most 0", error.Message);
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task APayloadNamingOneDescriptorTwice_IsRefused_AndTheOneAlreadyWrappedIsClosedToo()
    {
        using SafeFileHandle file = TestHandles.TextFile("twice");
        string target = OpenCopies.TargetOf(file);
        int fd = (int)file.DangerousGetHandle();
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("ReadTexts"), 1, 2, 2, 0, 0), fd, fd);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("names descriptor 0 where descriptor 1 was due", error.Message);
        OpenCopies.AssertOnly(target, fd);
    }

    [Fact]
    public async Task APayloadNamingFewerDescriptorsThanCame_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("fewer");
        string target = OpenCopies.TargetOf(file);
        int fd = (int)file.DangerousGetHandle();
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("ReadTexts"), 1, 2, 1, 0), fd, fd);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("brought 2 descriptor(s) and its payload names 1", error.Message);
        OpenCopies.AssertOnly(target, fd);
    }

    [Fact]
    public async Task ANullHandleWithADescriptorAttached_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("null, yet sent");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Request, MethodId("ReadTextOrNull"), 1, 1, -1), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("brought 1 descriptor(s) and its payload names 0", error.Message);
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task APayloadNamingADescriptorTheFrameLacks_IsRefused()
    {
        using HostileDescriptorPeer client = StartServer();

        client.Peer.Send(Frame(FrameKind.Request, MethodId("ReadText"), 1, 0, 0));

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("names descriptor 0, and its frame brought none", error.Message);
    }

    [Fact]
    public async Task AFrameOfAKindAClientNeverSends_WithADescriptor_IsRefused_AndItsDescriptorClosed()
    {
        // Found by the descriptor fuzz target: the frame layer gave a Response's descriptors to the server's read
        // loop, which refused the frame for its kind and left them open.
        using SafeFileHandle file = TestHandles.TextFile("on a Response");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer client = StartServer();

        client.Send(Frame(FrameKind.Response, MethodId("ReadText"), 1, 1, 0), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains("which a client never sends", error.Message);
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task Client_AFrameOfAKindAServerNeverSends_WithADescriptor_IsRefused_AndItsDescriptorClosed()
    {
        using SafeFileHandle file = TestHandles.TextFile("on a Request");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer server = StartClient();
        Task<SafeFileHandle> call = Task.Run(() => server.Client!.CreateText("x"));
        server.ReadRequest();

        server.Send(Frame(FrameKind.Request, MethodId("ReadText"), 1, 1, 0), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAnyAsync<ChannelException>(() => call.WaitAsync(Patience));
        Assert.Contains("which a server never sends", error.Message);
        OpenCopies.AssertOnlySoon(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task APeerThatDiesInsideARequestWithDescriptors_LeavesNoCopy()
    {
        using SafeFileHandle file = TestHandles.TextFile("half a request");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer client = StartServer();
        byte[] frame = Frame(FrameKind.Request, MethodId("WriteTo"), 1, 1, 0, 100);

        client.Send(frame[..(frame.Length - 2)], (int)file.DangerousGetHandle());
        client.Peer.Socket.Shutdown(SocketShutdown.Both);

        // A client that goes away ends serving, even inside a frame; what it had attached goes with it.
        await client.Server!.WaitAsync(Patience);
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task QueuedRequestsWithDescriptors_AreClosedWhenTheChannelEnds()
    {
        // One call at a time: the first holds its file until cancelled, the next waits in the queue with its own.
        using SafeFileHandle held = TestHandles.TextFile("running");
        using SafeFileHandle queued = TestHandles.TextFile("queued");
        string heldTarget = OpenCopies.TargetOf(held), queuedTarget = OpenCopies.TargetOf(queued);
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task serving = IHandles.ServeAsync(serverEnd, new TestContracts.Handles(), new ChannelOptions { MaxConcurrentCalls = 1 });
        IHandles.Client client = IHandles.Connect(clientEnd);
        Task hold = client.HoldAsync(held, CancellationToken.None);
        Task<string> read = client.ReadTextAsync(queued, CancellationToken.None).AsTask();
        await WaitUntil(() => OpenCopies.Of(queuedTarget).Length == 2); // the server's copy arrived, and waits

        await client.DisposeAsync();
        await serving.WaitAsync(Patience);

        await Assert.ThrowsAnyAsync<Exception>(() => hold.WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<Exception>(() => read.WaitAsync(Patience));
        OpenCopies.AssertOnlySoon(heldTarget, (int)held.DangerousGetHandle()); // HoldAsync closes it when cancelled
        OpenCopies.AssertOnly(queuedTarget, (int)queued.DangerousGetHandle());
    }

    [Fact]
    public async Task Client_APeerThatDiesInsideAReplyWithDescriptors_LeavesNoCopy()
    {
        using SafeFileHandle file = TestHandles.TextFile("half a reply");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer server = StartClient();
        Task<SafeFileHandle> call = Task.Run(() => server.Client!.CreateText("x"));
        FrameHeader request = server.ReadRequest();
        byte[] frame = Frame(FrameKind.Response, request.MethodId, request.CallId, 1, 0);

        server.Send(frame[..(frame.Length - 1)], (int)file.DangerousGetHandle());
        server.Peer.Socket.Shutdown(SocketShutdown.Both);

        await Assert.ThrowsAsync<ChannelClosedException>(() => call.WaitAsync(Patience));
        OpenCopies.AssertOnlySoon(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task Client_AReplyWithMoreDescriptorsThanItsResultHolds_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("two for one");
        string target = OpenCopies.TargetOf(file);
        int fd = (int)file.DangerousGetHandle();
        using HostileDescriptorPeer server = StartClient();
        Task<SafeFileHandle> call = Task.Run(() => server.Client!.CreateText("x"));
        FrameHeader request = server.ReadRequest();

        server.Send(Frame(FrameKind.Response, request.MethodId, request.CallId, 2, 0), fd, fd);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => call.WaitAsync(Patience));
        Assert.Contains("whose result holds at most 1", error.Message);
        OpenCopies.AssertOnlySoon(target, fd);
    }

    [Fact]
    public async Task Client_ASocketResultThatIsAFile_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("a file, said to be a socket");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer server = StartClient();
        Task<Socket> call = Task.Run(() => server.Client!.OpenReadableSocket("x"));
        FrameHeader request = server.ReadRequest();

        server.Send(Frame(FrameKind.Response, request.MethodId, request.CallId, 1, 0), (int)file.DangerousGetHandle());

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => call.WaitAsync(Patience));
        Assert.Contains("not a socket", error.Message);
        OpenCopies.AssertOnlySoon(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task Client_TheAnswerToACallItsCallerGaveUp_IsClosed()
    {
        using SafeFileHandle file = TestHandles.TextFile("too late");
        string target = OpenCopies.TargetOf(file);
        using HostileDescriptorPeer server = StartClient();
        using var cancellation = new CancellationTokenSource();
        Task<SafeFileHandle> call = server.Client!.CreateTextLaterAsync("x", TimeSpan.FromHours(1), cancellation.Token);
        FrameHeader request = server.ReadRequest();

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
        Assert.Equal(FrameKind.Cancel, server.Peer.ReadFrame()!.Value.Header.Kind);
        server.Send(Frame(FrameKind.Response, request.MethodId, request.CallId, 1, 0), (int)file.DangerousGetHandle());

        // The channel goes on, and once it has read the next answer it has read the late one: dropped, with its descriptor.
        Task<int> next = Task.Run(() => server.Client.OpenDescriptors());
        FrameHeader nextRequest = server.ReadRequest();
        server.Peer.Send(Frame(FrameKind.Response, nextRequest.MethodId, nextRequest.CallId, 0, 42));
        Assert.Equal(42, await next.WaitAsync(Patience));
        OpenCopies.AssertOnly(target, (int)file.DangerousGetHandle());
    }

    [Fact]
    public async Task Client_AChannelEndThatIsNotConnected_ConnectFailsAndClosesIt()
    {
        // An AF_UNIX stream socket passes the receiver's check; the handshake on it fails. The end's socket was taken
        // by Connect, so Connect is the only one left that can close it.
        using var unconnected = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        string target = OpenCopies.TargetOf(unconnected.SafeHandle);
        using HostileDescriptorPeer server = StartClient();
        Task<ChannelEnd<ICounter>> call = Task.Run(() => server.Client!.OpenCounter(0));
        FrameHeader request = server.ReadRequest();
        server.Send(Frame(FrameKind.Response, request.MethodId, request.CallId, 1, 0), (int)unconnected.Handle);
        ChannelEnd<ICounter> end = await call.WaitAsync(Patience);

        Assert.Throws<ChannelClosedException>(() => ICounter.Connect(end));
        Assert.False(end.IsOpen);
        OpenCopies.AssertOnly(target, (int)unconnected.Handle);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition did not come true in 5 s.");
    }
}
