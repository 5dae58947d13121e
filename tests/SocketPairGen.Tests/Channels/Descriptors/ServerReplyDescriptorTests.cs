using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels;
using SocketPairGen.Channels.Codecs;
using SocketPairGen.TestContracts;
using SocketPairGen.Tests.Channels.Server;
using SocketPairGen.Tests.GeneratedChannels.Handles;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// A server whose method returns handles it should not: the generated client calls an <see cref="IHandles"/> server
/// whose dispatcher the test writes (as a generated one would call the server), so a result can hold what no honest
/// implementation of the test contract returns. The caller gets an error, the channel goes on, and the server closes
/// what the method handed over.
/// </summary>
public sealed class ServerReplyDescriptorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly ushort CreateTexts = HostileDescriptorPeer.MethodId(nameof(IHandles.CreateTexts));

    [Fact]
    public async Task ArrayResult_WithANullElement_IsTheServersError_AndTheChannelGoesOn()
    {
        SafeFileHandle returned = TestHandles.TextFile("returned");
        await using var served = Served.Start((call, payload) =>
        {
            call.ReadArguments<Arguments<string, NonNullStringCodec, int, UnmanagedCodec<int>>>(payload);
            call.Reply<SafeFileHandle[], NonNullDescriptorArrayCodec<SafeFileHandle, NonNullDescriptorCodec<SafeFileHandle, FileHandleKind>>>(
                [returned, null!]);
        });

        var error = Assert.Throws<ChannelRemoteException>(() => served.Client.CreateTexts("x", 2));
        Assert.Contains("Element 1", error.Message);

        // The channel goes on. (The second call is read once the first one's dispatch is over.)
        Assert.Throws<ChannelRemoteException>(() => served.Client.CreateTexts("x", 2));
        Assert.False(served.Server.IsCompleted);
        Assert.True(returned.IsClosed); // handed over by returning it: closed although the reply could not carry it
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    public async Task Result_NotAnOpenDescriptor_IsTheServersError_NotAReplyLost(int descriptor)
    {
        // The kernel refuses the reply's sendmsg (EBADF) before a byte goes out; that is not the client gone, and the
        // caller must get an answer.
        await using var served = Served.Start((call, payload) =>
        {
            call.ReadArguments<Arguments<string, NonNullStringCodec>>(payload);
            call.Reply<SafeFileHandle, NonNullDescriptorCodec<SafeFileHandle, FileHandleKind>>(new SafeFileHandle(descriptor, ownsHandle: false));
        });

        var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => served.Client.CreateTextAsync("x").WaitAsync(Patience));
        Assert.Contains("nothing was sent", error.Message);
        await Assert.ThrowsAsync<ChannelRemoteException>(() => served.Client.CreateTextAsync("x").WaitAsync(Patience));
        Assert.False(served.Server.IsCompleted);
    }

    /// <summary>The generated <see cref="IHandles"/> client against a server with the test's dispatcher.</summary>
    private sealed class Served : IAsyncDisposable
    {
        private Served(IHandles.Client client, Task server)
        {
            Client = client;
            Server = server;
        }

        public IHandles.Client Client { get; }

        public Task Server { get; }

        public static Served Start(Action<ServerCall, ReadOnlyMemory<byte>> dispatch, ChannelOptions? options = null)
        {
            (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
            ChannelServer server = ChannelServer.Start(serverEnd, IHandles.Client.Contract, new DelegateDispatcher(dispatch), options, default);
            return new Served(IHandles.Connect(clientEnd), server.Completion);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.WaitAsync(Patience);
        }
    }
}
