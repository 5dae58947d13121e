using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels;
using SocketPairGen.Tests.Channels.Server;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// A peer attaches descriptors (<c>SCM_RIGHTS</c>) to frames of a channel whose frames carry none (every contract
/// today): each side refuses the frame as a protocol error, and the copy the kernel made in this process is closed on
/// every path, received close-on-exec from birth. Each test opens a file of its own and counts the descriptors that
/// refer to it in <c>/proc/self/fd</c>, so tests running beside it cannot disturb the count.
/// </summary>
public sealed class UnexpectedDescriptorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>O_CLOEXEC in the <c>flags</c> line of <c>/proc/self/fdinfo</c> (octal).</summary>
    private const int CloseOnExec = 0x80000;

    private readonly string _path = Path.Combine(Path.GetTempPath(), "spg-descriptor-" + Guid.NewGuid().ToString("N"));
    private readonly SafeFileHandle _file;

    public UnexpectedDescriptorTests()
    {
        _file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.ReadWrite);
    }

    private int FileDescriptor => (int)_file.DangerousGetHandle();

    [Fact]
    public async Task Server_ARequestWithADescriptor_IsAProtocolError_AndTheCopyIsClosed()
    {
        using RawClient client = RawClient.Start();

        DescriptorSender.Send(client.Peer.Socket, AddRequest(), FileDescriptor);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server.WaitAsync(Timeout));
        Assert.Contains("1 descriptor(s) attached", error.Message, StringComparison.Ordinal);
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public async Task Server_ADescriptorOnTheFirstPieceOfAFrame_IsHeldCloseOnExec_ThenRefusedWithTheFrame()
    {
        using RawClient client = RawClient.Start();
        byte[] frame = AddRequest();

        // The descriptor comes with the frame's first bytes; the rest of the frame is not there yet.
        DescriptorSender.Send(client.Peer.Socket, frame.AsSpan(0, 4), FileDescriptor);
        int copy = await WaitForCopyAsync();
        Assert.True((Flags(copy) & CloseOnExec) != 0, $"The received copy {copy} is not close-on-exec: flags {Flags(copy):x}.");
        Assert.False(client.Server.IsCompleted, "The server ended before the frame was whole.");

        client.Peer.Send(frame.AsSpan(4));

        await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server.WaitAsync(Timeout));
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public async Task Server_APeerThatDiesInsideTheFrame_LeavesNoCopyOpen()
    {
        using RawClient client = RawClient.Start();
        DescriptorSender.Send(client.Peer.Socket, AddRequest().AsSpan(0, FrameHeader.Size + 2), FileDescriptor);
        await WaitForCopyAsync();

        client.Peer.Socket.Close();

        // A peer gone ends serving (without an error: the stream ended); what it left behind is closed with it.
        await Task.WhenAny(client.Server).WaitAsync(Timeout);
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public async Task Client_AResponseWithADescriptor_FailsTheCall_AndTheCopyIsClosed()
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        await using var client = new CalculatorClient(clientEnd);
        Task<int> call = client.AddAsync(1, 2).AsTask();
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        uint callId = peer.ReadFrame()!.Value.Header.CallId;

        DescriptorSender.Send(peer.Socket, RawPeer.Frame(FrameKind.Response, callId, BitConverter.GetBytes(3), Calculator.AddId), FileDescriptor);

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => call.WaitAsync(Timeout));
        Assert.Contains("descriptor(s) attached", error.Message, StringComparison.Ordinal);
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public async Task Client_DisposedWhileADescriptorWaitsForTheRestOfItsFrame_ClosesIt()
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        var client = new CalculatorClient(clientEnd);
        Task<int> call = client.AddAsync(1, 2).AsTask();
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        uint callId = peer.ReadFrame()!.Value.Header.CallId;
        DescriptorSender.Send(peer.Socket, RawPeer.Frame(FrameKind.Response, callId, BitConverter.GetBytes(3), Calculator.AddId).AsSpan(0, 6), FileDescriptor);
        await WaitForCopyAsync();

        await client.DisposeAsync();

        await Assert.ThrowsAnyAsync<ChannelException>(() => call.WaitAsync(Timeout));
        await WaitUntilAsync(() => CopiesOfTheFile().SequenceEqual([FileDescriptor]), "the copy to be closed");
    }

    [Fact]
    public void AReadWhoseDescriptorsDoNotFit_IsAProtocolError_AndThoseThatArrivedAreClosed()
    {
        // Room for two descriptors (one, padded to 8 bytes); the peer attaches three: the kernel drops one and says so
        // (MSG_CTRUNC).
        (Socket readerEnd, Socket peerEnd) = SocketPair.Create();
        using Socket reading = readerEnd;
        using var peer = new RawPeer(peerEnd);
        var reader = new FrameReader(readerEnd, ChannelOptions.DefaultMaxFrameSize, Interop.Libc.ControlSpace(sizeof(int)));
        DescriptorSender.Send(peer.Socket, AddRequest(), FileDescriptor, FileDescriptor, FileDescriptor);

        var error = Assert.Throws<ChannelProtocolException>(() => reader.TryReadFrame(out _, out _));
        Assert.Contains("more descriptors", error.Message, StringComparison.Ordinal);
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    public void Dispose()
    {
        _file.Dispose();
        File.Delete(_path);
    }

    private static byte[] AddRequest() =>
        RawClient.RequestFrame(callId: 1, Calculator.AddId, [.. BitConverter.GetBytes(1), .. BitConverter.GetBytes(2)]);

    /// <summary>The descriptors of this process that refer to this test's file.</summary>
    private int[] CopiesOfTheFile()
    {
        var copies = new List<int>();
        foreach (string entry in Directory.GetFiles("/proc/self/fd"))
        {
            string? target = null;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (IOException)
            {
                // Closed while we looked.
            }

            if (target == _path)
            {
                copies.Add(int.Parse(Path.GetFileName(entry), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return [.. copies.Order()];
    }

    /// <summary>Waits until the kernel's copy of the descriptor is in this process, and returns it.</summary>
    private async Task<int> WaitForCopyAsync()
    {
        int copy = -1;
        await WaitUntilAsync(() => (copy = CopiesOfTheFile().FirstOrDefault(fd => fd != FileDescriptor, -1)) >= 0, "the descriptor to arrive");
        return copy;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Timeout, $"Gave up waiting for {what}.");
            await Task.Delay(10);
        }
    }

    private static int Flags(int fd)
    {
        string line = File.ReadLines($"/proc/self/fdinfo/{fd}").First(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return Convert.ToInt32(line["flags:".Length..].Trim(), 8);
    }
}
