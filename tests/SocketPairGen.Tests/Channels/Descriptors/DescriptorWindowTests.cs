using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.TestContracts;
using SocketPairGen.Tests.GeneratedChannels.Handles;
using SocketPairGen.Wire;
using static SocketPairGen.Tests.Channels.Descriptors.HostileDescriptorPeer;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// The request window's descriptor measure: a server that queues requests holds their descriptors, so a client's
/// unanswered requests may together carry at most <see cref="FrameHeader.MaxUnansweredDescriptors"/> (each counted at
/// what its method declares). A client past it is refused; the generated client waits for room instead.
/// </summary>
public sealed class DescriptorWindowTests
{
    private static readonly int PerCall = IHandles.Client.Contract.RequestDescriptors(MethodId("ReadTexts"));

    [Fact]
    public async Task AClientPastTheDescriptorWindow_IsRefused()
    {
        using SafeFileHandle file = TestHandles.TextFile("held");
        using HostileDescriptorPeer client = StartServer(); // one call at a time: the others queue

        // The running call holds one; each queued ReadTexts may carry 8 (it carries none: the window counts what a
        // method declares, as the client does, so the two agree on every request).
        client.Send(Frame(FrameKind.Request, MethodId("HoldAsync"), 1, 1, 0), (int)file.DangerousGetHandle());
        int fit = (FrameHeader.MaxUnansweredDescriptors - 1) / PerCall;
        for (uint i = 0; i < fit; i++)
        {
            client.Peer.Send(Frame(FrameKind.Request, MethodId("ReadTexts"), 2 + i, 0, 0));
        }

        client.Peer.Send(Frame(FrameKind.Request, MethodId("ReadTexts"), 2 + (uint)fit, 0, 0));

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server!.WaitAsync(Patience));
        Assert.Contains($"may carry at most {FrameHeader.MaxUnansweredDescriptors} in all", error.Message);
    }

    [Fact]
    public async Task TheGeneratedClient_WaitsForRoomInTheDescriptorWindow()
    {
        // More calls than the window holds, all waiting behind one the server holds: the client sends what fits,
        // and the rest as answers free room; none is refused.
        using SafeFileHandle held = TestHandles.TextFile("held");
        using SafeFileHandle file = TestHandles.TextFile("x");
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task serving = IHandles.ServeAsync(serverEnd, new TestContracts.Handles(), new ChannelOptions { MaxConcurrentCalls = 1 });
        await using (IHandles.Client client = IHandles.Connect(clientEnd))
        {
            using var cancellation = new CancellationTokenSource();
            Task hold = client.HoldAsync(held, cancellation.Token);
            // A thread per call (a blocked call holds its thread; the thread pool would grow one thread at a time).
            int calls = (FrameHeader.MaxUnansweredDescriptors / PerCall) + 8;
            var texts = new string?[calls];
            Thread[] threads = [.. Enumerable.Range(0, calls).Select(i => new Thread(() => texts[i] = ReadTexts(client, file)))];
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            await Task.Delay(200);
            Assert.All(texts, Assert.Null); // all wait: behind the held call, or for room in the window
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hold.WaitAsync(Patience));

            foreach (Thread thread in threads)
            {
                Assert.True(thread.Join(Patience), "A call waiting for room never ended.");
            }

            Assert.All(texts, text => Assert.Equal("x", text));
        }

        await serving.WaitAsync(Patience);
    }

    /// <summary>The call's text, or its error (a thread of its own must not throw).</summary>
    private static string ReadTexts(IHandles.Client client, SafeFileHandle file)
    {
        try
        {
            return client.ReadTexts([file]);
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
