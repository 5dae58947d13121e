using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels;
using SocketPairGen.Tests.Channels.Server;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// A peer attaches descriptors (<c>SCM_RIGHTS</c>) to the stream of a channel whose frames carry none (every contract
/// today): each side refuses the read that brings them as a protocol error, before trusting any byte of it, and the
/// copy the kernel made in this process is closed at once, having arrived close-on-exec. Each test opens a file of its
/// own and counts the descriptors that refer to it in <c>/proc/self/fd</c>, so tests running beside it cannot disturb
/// the count.
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
        Assert.Contains("attached 1 descriptor(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public void TheCopy_ArrivesCloseOnExec_AndIsClosedBeforeTheReadIsTrusted()
    {
        (Socket readerEnd, Socket peerEnd) = SocketPair.Create();
        using Socket reading = readerEnd;
        using var peer = new RawPeer(peerEnd);
        var seen = new List<(int Fd, int Flags)>();
        var reader = new FrameReader(readerEnd, ChannelOptions.DefaultMaxFrameSize, Interop.Libc.ControlSpace(253 * sizeof(int)),
            beforeClosingDescriptor: fd => seen.Add((fd, Flags(fd))));

        // Only the frame's first bytes: the read that brings the descriptor is refused, not the frame once whole.
        DescriptorSender.Send(peer.Socket, AddRequest().AsSpan(0, 4), FileDescriptor);

        Assert.Throws<ChannelProtocolException>(() => reader.TryReadFrame(out _, out _));
        (int copy, int flags) = Assert.Single(seen);
        Assert.NotEqual(FileDescriptor, copy);
        Assert.True((flags & CloseOnExec) != 0, $"The received copy {copy} was not close-on-exec: flags {flags:x}.");
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public async Task Server_AWholeFrameSentWithADescriptor_IsNotAnswered()
    {
        // One sendmsg holds a whole request and the first byte of the next frame, the descriptor on it all: the read
        // that brings the descriptor also brings the whole request, which must not be dispatched.
        using RawClient client = RawClient.Start();
        byte[] first = AddRequest();

        DescriptorSender.Send(client.Peer.Socket, [.. first, first[0]], FileDescriptor);

        await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server.WaitAsync(Timeout));
        Assert.Equal(0, client.Peer.ReadToEnd());
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
    }

    [Fact]
    public async Task Server_APeerThatSendsDescriptorsPieceByPiece_CannotPileThemUp()
    {
        // A frame that never ends, each byte with 253 descriptors: were they held until the frame is whole, the
        // process would fill up with them.
        using RawClient client = RawClient.Start();
        byte[] frame = RawClient.RequestFrame(callId: 1, Calculator.AddId, new byte[4096]);
        int[] many = Enumerable.Repeat(FileDescriptor, 253).ToArray();
        for (int i = 0; i < 20 && !client.Server.IsCompleted; i++)
        {
            try
            {
                DescriptorSender.Send(client.Peer.Socket, frame.AsSpan(i, 1), many);
            }
            catch (Xunit.Sdk.XunitException)
            {
                break; // the server already closed its end
            }

            Assert.True(CopiesOfTheFile().Length <= 1 + 253, "Descriptors piled up beyond one read's worth.");
        }

        await Assert.ThrowsAsync<ChannelProtocolException>(() => client.Server.WaitAsync(Timeout));
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
        Assert.Contains("descriptor(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal([FileDescriptor], CopiesOfTheFile());
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
        Assert.Contains("descriptor(s)", error.Message, StringComparison.Ordinal);
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

    private static int Flags(int fd)
    {
        string line = File.ReadLines($"/proc/self/fdinfo/{fd}").First(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return Convert.ToInt32(line["flags:".Length..].Trim(), 8);
    }
}
