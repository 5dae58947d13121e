using System.Net.Sockets;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels.Handles;

/// <summary>Every handle type crosses the channel in both directions, and each side owns what it received.</summary>
public abstract class HandlesTests
{
    protected abstract IHandles.Client Client { get; }

    [Fact]
    public void FileArgument_ServerReadsItsOwnCopy_CallerKeepsItsHandle()
    {
        using SafeFileHandle file = TestHandles.TextFile("hello, worker");

        Assert.Equal("hello, worker", Client.ReadText(file));

        Assert.False(file.IsClosed);
        Assert.Equal("hello, worker", TestHandles.Read(file)); // the server closed its copy, not ours
    }

    [Fact]
    public async Task FileArgument_Awaited()
    {
        using SafeFileHandle file = TestHandles.TextFile("awaited");
        Assert.Equal("awaited", await Client.ReadTextAsync(file, CancellationToken.None));
    }

    [Fact]
    public void NullableFileArgument_NullAndNotNull()
    {
        Assert.Null(Client.ReadTextOrNull(null));
        using SafeFileHandle file = TestHandles.TextFile("maybe");
        Assert.Equal("maybe", Client.ReadTextOrNull(file));
    }

    [Fact]
    public void NonNullFileArgument_NullIsRefusedBeforeSending()
    {
        Assert.Throws<ArgumentNullException>(() => Client.ReadText(null!));
        using SafeFileHandle file = TestHandles.TextFile("still usable");
        Assert.Equal("still usable", Client.ReadText(file));
    }

    [Fact]
    public void FileArrayArgument_EachElementArrivesInOrder()
    {
        SafeFileHandle[] files = [.. Enumerable.Range(0, 8).Select(i => TestHandles.TextFile("file" + i))];
        try
        {
            Assert.Equal(string.Join('|', Enumerable.Range(0, 8).Select(i => "file" + i)), Client.ReadTexts(files));
            Assert.Equal("", Client.ReadTexts([]));
        }
        finally
        {
            foreach (SafeFileHandle file in files)
            {
                file.Dispose();
            }
        }
    }

    [Fact]
    public void FileArrayArgument_OverItsDeclaredMaximum_IsRefusedAndNothingIsSent()
    {
        SafeFileHandle[] files = [.. Enumerable.Range(0, 9).Select(i => TestHandles.TextFile("file" + i))];
        try
        {
            var error = Assert.Throws<ArgumentException>(() => Client.ReadTexts(files));
            Assert.Contains("ReadTexts", error.Message);
            Assert.Contains("at most 8", error.Message);

            // Nothing went out: the channel goes on.
            Assert.Equal("file0|file1", Client.ReadTexts(files[..2]));
        }
        finally
        {
            foreach (SafeFileHandle file in files)
            {
                file.Dispose();
            }
        }
    }

    [Fact]
    public void FileArrayArgument_WithANullElement_IsRefusedAndNothingIsSent()
    {
        // Its elements cannot be null: a null sent as the null marker would be a protocol error at the server, which
        // would close the channel. The sender refuses it instead, as it refuses any value its peer would reject.
        using SafeFileHandle file = TestHandles.TextFile("kept");

        var error = Assert.Throws<ArgumentException>(() => Client.ReadTexts([file, null!]));
        Assert.Contains("Element 1", error.Message);
        Assert.Contains("nothing was sent", error.Message);

        Assert.False(file.IsClosed);
        Assert.Equal("kept", Client.ReadTexts([file]));
    }

    [Fact]
    public void FileArgument_DisposedBeforeTheCall_IsRefusedAndNothingIsSent()
    {
        SafeFileHandle file = TestHandles.TextFile("gone");
        file.Dispose();

        var error = Assert.Throws<ArgumentException>(() => Client.ReadText(file));
        Assert.Contains("disposed before it was sent; nothing was sent", error.Message);

        using SafeFileHandle other = TestHandles.TextFile("next");
        Assert.Equal("next", Client.ReadText(other));
    }

    [Theory]
    [InlineData(-1)] // invalid: what a failed open wrapped without a check holds
    [InlineData(1_000_000)] // no such descriptor (one closed behind its handle's back)
    public void FileArgument_NotAnOpenDescriptor_IsRefusedAndNothingIsSent(int descriptor)
    {
        // The kernel refuses the whole sendmsg (EBADF) before a byte goes out: the call fails, not the channel.
        using var file = new SafeFileHandle(descriptor, ownsHandle: false);

        var error = Assert.Throws<ArgumentException>(() => Client.ReadText(file));
        Assert.Contains("nothing was sent", error.Message);

        using SafeFileHandle other = TestHandles.TextFile("next");
        Assert.Equal("next", Client.ReadText(other));
    }

    [Fact]
    public async Task FileResult_CallerOwnsACloseOnExecCopy()
    {
        using SafeFileHandle file = Client.CreateText("from the worker");
        Assert.Equal("from the worker", TestHandles.Read(file));
        Assert.True(TestHandles.IsCloseOnExec(file));

        using SafeFileHandle awaited = await Client.CreateTextAsync("awaited result");
        Assert.Equal("awaited result", TestHandles.Read(awaited));
        Assert.True(TestHandles.IsCloseOnExec(awaited));
    }

    [Fact]
    public void FileArrayResult_AndNullResult()
    {
        SafeFileHandle[] files = Client.CreateTexts("n", 5);
        try
        {
            Assert.Equal(["n0", "n1", "n2", "n3", "n4"], files.Select(TestHandles.Read));
            Assert.All(files, f => Assert.True(TestHandles.IsCloseOnExec(f)));
        }
        finally
        {
            foreach (SafeFileHandle file in files)
            {
                file.Dispose();
            }
        }

        Assert.Null(Client.MaybeCreateText("x", create: false));
        using SafeFileHandle? created = Client.MaybeCreateText("x", create: true);
        Assert.Equal("x", TestHandles.Read(created!));
    }

    [Fact]
    public void FileArrayResult_OverItsDeclaredMaximum_IsTheServersError()
    {
        // The server refuses to send a reply its client would refuse; the caller learns why.
        var error = Assert.Throws<ChannelRemoteException>(() => Client.CreateTexts("n", 9));
        Assert.Contains("at most 8", error.Message);
        Assert.Equal("n0", TestHandles.Read(Client.CreateTexts("n", 1)[0]));
    }

    [Fact]
    public void SocketArgument_ServerWritesOnIt()
    {
        (Socket mine, Socket theirs) = SocketPair.Create();
        using (mine)
        {
            using (theirs)
            {
                Client.WriteTo(theirs, "through a passed socket");
            }

            // The server closed its copy and we closed ours: the stream ends after the message.
            Assert.Equal("through a passed socket", Encoding.UTF8.GetString(TestHandles.ReadToEnd(mine)));
        }
    }

    [Fact]
    public void SocketHandleArgument_ServerWritesOnIt()
    {
        (Socket mine, Socket theirs) = SocketPair.Create();
        using (mine)
        {
            using (theirs)
            {
                Client.WriteValueTo(theirs.SafeHandle, 0x12345678);
            }

            Assert.Equal(0x12345678, BitConverter.ToInt32(TestHandles.ReadToEnd(mine)));
        }
    }

    [Fact]
    public void SocketResults_CallerReadsWhatTheServerWrote()
    {
        using (Socket socket = Client.OpenReadableSocket("socket result"))
        {
            Assert.Equal(AddressFamily.Unix, socket.AddressFamily);
            Assert.True(TestHandles.IsCloseOnExec(socket.SafeHandle));
            Assert.Equal("socket result", Encoding.UTF8.GetString(TestHandles.ReadToEnd(socket)));
        }

        using SafeSocketHandle handle = Client.OpenReadableSocketHandle("handle result");
        using var wrapped = new Socket(handle);
        Assert.Equal("handle result", Encoding.UTF8.GetString(TestHandles.ReadToEnd(wrapped)));
    }

    [Fact]
    public void SocketArrays_BothWays_WithNullElements()
    {
        Socket[] sockets = Client.OpenReadableSockets("each", 3);
        try
        {
            Assert.All(sockets, s => Assert.Equal("each", Encoding.UTF8.GetString(TestHandles.ReadToEnd(s))));
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }

        (Socket firstMine, Socket firstTheirs) = SocketPair.Create();
        (Socket secondMine, Socket secondTheirs) = SocketPair.Create();
        using (firstMine)
        using (secondMine)
        {
            using (firstTheirs)
            using (secondTheirs)
            {
                Assert.Equal(2, Client.WriteToAll([firstTheirs.SafeHandle, null, secondTheirs.SafeHandle, null], "to all"));
            }

            Assert.Equal("to all", Encoding.UTF8.GetString(TestHandles.ReadToEnd(firstMine)));
            Assert.Equal("to all", Encoding.UTF8.GetString(TestHandles.ReadToEnd(secondMine)));
        }
    }

    [Fact]
    public void ChannelEndResult_ClientCallsTheChannelTheServerServes()
    {
        using ICounter.Client counter = ICounter.Connect(Client.OpenCounter(start: 40));
        Assert.Equal(41, counter.Add(1));
        Assert.Equal(43, counter.Add(2));
    }

    [Fact]
    public async Task ChannelEndArgument_ServerCallsTheChannelTheClientServes()
    {
        (ChannelEnd<ICounter> mine, ChannelEnd<ICounter> theirs) = ChannelEnd<ICounter>.CreatePair();
        Task serving = ICounter.ServeAsync(mine, new Counter(100));
        using (theirs)
        {
            Assert.Equal(105, Client.UseCounter(theirs, calls: 5));
        }

        // The server disposed its client, and we disposed our copy of its end: serving ends.
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ChannelEndOfTheSameContract_ANewChannelWithItsOwnServer()
    {
        using IHandles.Client fork = IHandles.Connect(Client.Fork());
        using SafeFileHandle file = TestHandles.TextFile("on the fork");
        Assert.Equal("on the fork", fork.ReadText(file));
        using IHandles.Client forkOfFork = IHandles.Connect(fork.Fork());
        Assert.Equal("on the fork", forkOfFork.ReadText(file));
    }

    [Fact]
    public void ServerMethodThrows_AfterClosingItsArgument()
    {
        using SafeFileHandle file = TestHandles.TextFile("x");
        var error = Assert.Throws<ChannelRemoteException>(() => Client.CloseAndThrow(file));
        Assert.Contains("Closed the file, then threw.", error.Message);
    }

    [Fact]
    public async Task CancelledCall_ServerClosesWhatItHeld()
    {
        using SafeFileHandle file = TestHandles.TextFile("held");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.HoldAsync(file, cancellation.Token));
        Assert.Equal("held", Client.ReadText(file));
    }
}

public sealed class InProcessHandlesTests(InProcessHandles peer) : HandlesTests, IClassFixture<InProcessHandles>
{
    protected override IHandles.Client Client => peer.Client;
}

public sealed class ChildProcessHandlesTests(ChildProcessHandles peer) : HandlesTests, IClassFixture<ChildProcessHandles>
{
    protected override IHandles.Client Client => peer.Client;
}
