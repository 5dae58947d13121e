using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels;
using SocketPairGen.Channels.Codecs;
using SocketPairGen.TestContracts;
using SocketPairGen.Tests.Channels.Server;
using SocketPairGen.Tests.GeneratedChannels.Handles;
using SocketPairGen.Wire;
using static SocketPairGen.Tests.Channels.Descriptors.HostileDescriptorPeer;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// The server keeps a finished call's state for the next call. A request's descriptors belong to the use of that state
/// they came with: a call that finished on one thread and whose dispatch is still returning there must not take them
/// from the next call, which the reader has already started on the same state.
/// </summary>
public sealed class RecycledCallDescriptorTests
{
    private static readonly ushort ReadText = MethodId(nameof(IHandles.ReadText));

    [Fact]
    public async Task CallStartedOnTheStateOfACallStillReturning_ReadsItsOwnDescriptors()
    {
        // A runs and waits; B is queued behind it. Replying to A (on another thread) starts B there, on A's state; B
        // replies at once and its dispatch then waits until C, sent once B has finished, has started on that same
        // state on the reader thread. Only once B's dispatch has returned does C read its arguments.
        var timeout = TimeSpan.FromSeconds(10);
        ServerCall first = default;
        using var firstRunning = new ManualResetEventSlim();
        using var secondQueued = new ManualResetEventSlim();
        using var secondFinished = new ManualResetEventSlim();
        using var thirdStarted = new ManualResetEventSlim();
        using var firstReplied = new ManualResetEventSlim();
        int dispatched = 0;
        var dispatcher = new DelegateDispatcher((call, payload) =>
        {
            switch (Interlocked.Increment(ref dispatched))
            {
                case 1:
                    ReadFile(call, payload);
                    first = call;
                    call.CancellationToken.Register(secondQueued.Set); // the Cancel for A is read after B
                    firstRunning.Set();
                    break;
                case 2:
                    ReadFile(call, payload);
                    call.Reply<string, NonNullStringCodec>("second"); // finishes the call: its state is free again
                    secondFinished.Set();
                    Assert.True(thirdStarted.Wait(timeout), "the third call did not start");
                    break;
                default:
                    thirdStarted.Set();
                    Assert.True(firstReplied.Wait(timeout), "the reply to the first call did not return");
                    ReadFile(call, payload);
                    call.Reply<string, NonNullStringCodec>("third");
                    break;
            }
        });

        (Socket peerEnd, Socket serverEnd) = SocketPair.Create();
        ChannelServer server = ChannelServer.Start(serverEnd, IHandles.Client.Contract, dispatcher, new ChannelOptions { MaxConcurrentCalls = 1 }, default);
        using var peer = new RawPeer(peerEnd);
        peer.SendHello(IHandles.Client.Contract, Hello.ClientRole);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        using SafeFileHandle file = TestHandles.TextFile("a file");

        DescriptorSender.Send(peer.Socket, Frame(FrameKind.Request, ReadText, 1, 1, 0), (int)file.DangerousGetHandle());
        Assert.True(firstRunning.Wait(timeout), "the first call did not start");
        DescriptorSender.Send(peer.Socket, Frame(FrameKind.Request, ReadText, 2, 1, 0), (int)file.DangerousGetHandle());
        peer.Send(RawPeer.Frame(FrameKind.Cancel, 1, []));
        Assert.True(secondQueued.Wait(timeout), "the cancel for the first call was not read");

        Task replying = Task.Run(() =>
        {
            first.Reply<string, NonNullStringCodec>("first");
            firstReplied.Set();
        });
        Assert.Equal([1u, 2u], [peer.ReadFrame()!.Value.Header.CallId, peer.ReadFrame()!.Value.Header.CallId]);
        Assert.True(secondFinished.Wait(timeout), "the second call did not finish");
        DescriptorSender.Send(peer.Socket, Frame(FrameKind.Request, ReadText, 3, 1, 0), (int)file.DangerousGetHandle());

        if (peer.ReadFrame() is not (FrameHeader header, _))
        {
            await server.Completion.WaitAsync(timeout); // throws why serving ended
            throw new InvalidOperationException("The server closed the channel.");
        }

        Assert.Equal((FrameKind.Response, 3u), (header.Kind, header.CallId));
        await replying.WaitAsync(timeout);
        Assert.False(server.Completion.IsCompleted);
    }

    private static void ReadFile(ServerCall call, ReadOnlyMemory<byte> payload) =>
        call.ReadArguments<Arguments<SafeFileHandle, NonNullDescriptorCodec<SafeFileHandle, FileHandleKind>>>(payload).Item1.Dispose();
}
