using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels;
using SocketPairGen.Channels.Codecs;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// Frames that carry descriptors, at the framing layer (no contract carries any yet): the writer attaches a frame's
/// descriptors to the first <c>sendmsg</c> of its bytes and counts them in the header; a reader that accepts up to
/// <see cref="MaxPerFrame"/> hands each frame exactly the copies that came with it, close-on-exec, and refuses
/// everything else, closing what it held. The hostile cases are sent through Tmds.LibC. Each test counts the copies
/// of its own files in <c>/proc/self/fd</c>.
/// </summary>
public sealed class FrameDescriptorTests : IDisposable
{
    private const int MaxPerFrame = 4;
    private const int CloseOnExec = 0x80000;

    private readonly List<(string Path, SafeFileHandle Handle)> _files = [];
    private readonly Socket _writerEnd;
    private readonly Socket _readerEnd;
    private readonly FrameReader _reader;

    public FrameDescriptorTests()
    {
        (_writerEnd, _readerEnd) = SocketPair.Create();
        _reader = new FrameReader(_readerEnd, ChannelOptions.DefaultMaxFrameSize, MaxPerFrame);
    }

    [Fact]
    public void AFramesDescriptors_ArriveWithIt_AsCloseOnExecCopies_AndNoOtherFrameGetsAny()
    {
        var (first, second) = (OpenFile(), OpenFile());
        var writer = new FrameWriter(_writerEnd, ChannelOptions.DefaultMaxFrameSize);

        Send(writer, 1, []);
        Send(writer, 2, [first.Handle, second.Handle]);
        Send(writer, 3, []);

        Assert.Null(Read(1));
        SafeFileHandle[] received = Assert.IsType<SafeFileHandle[]>(Read(2));
        Assert.Null(Read(3));
        Assert.Equal([first.Path, second.Path], received.Select(h => Target((int)h.DangerousGetHandle())));
        Assert.All(received, h => Assert.True((Flags((int)h.DangerousGetHandle()) & CloseOnExec) != 0));
        Assert.Equal(2, Copies(first.Path).Length);

        foreach (SafeFileHandle handle in received)
        {
            handle.Dispose();
        }

        Assert.Single(Copies(first.Path));
        Assert.Single(Copies(second.Path));
    }

    [Fact]
    public async Task ALargeFrameSentInPieces_KeepsItsDescriptorsWithIt()
    {
        // A client's writer while requests are unanswered: non-blocking sends, so the 1 MiB frame goes out in many
        // sendmsg calls, and only the first may carry the descriptors.
        var file = OpenFile();
        var writer = new FrameWriter(_writerEnd, ChannelOptions.DefaultMaxFrameSize, readWhileBlocked: () => false, peerIsQuiet: _ => false);
        byte[] block = new byte[1 << 20];
        Task<SafeFileHandle[]?> reading = Task.Run(() =>
        {
            Assert.True(_reader.TryReadFrame(out FrameHeader header, out ReadOnlyMemory<byte> payload));
            Assert.Equal(4 + block.Length, payload.Length);
            return _reader.TakeDescriptors();
        });

        Task writing = Task.Run(() =>
        {
            var request = new Arguments<ReadOnlyMemory<byte>, ReadOnlyMemoryCodec<byte, UnmanagedCodec<byte>>>(block);
            int gate = SendGate.Open;
            writer.Write(FrameKind.Request, 0, 1, ref request, ref gate, [file.Handle]);
        });

        try
        {
            await reading.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            // A reader that failed reads no more: end the stream so the writer stops waiting for room.
            _readerEnd.Shutdown(SocketShutdown.Both);
        }

        SafeFileHandle[] received = Assert.IsType<SafeFileHandle[]>(await reading);
        await writing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(file.Path, Target((int)Assert.Single(received).DangerousGetHandle()));
        received[0].Dispose();
    }

    [Fact]
    public void ABatchOnAFrameThatAnnouncesNone_IsRefused_AndClosed()
    {
        var file = OpenFile();
        DescriptorSender.Send(_writerEnd, Frame(callId: 1, descriptors: 0), Fd(file));
        Refused("announces 0 descriptor(s), and 1 arrived");
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void ABatchOfAnotherSizeThanAnnounced_IsRefused_AndClosed()
    {
        var file = OpenFile();
        DescriptorSender.Send(_writerEnd, Frame(callId: 1, descriptors: 2), Fd(file));
        Refused("announces 2 descriptor(s), and 1 arrived");
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void AFrameThatAnnouncesDescriptors_WithoutAny_IsRefused() =>
        Refused("announces 1 descriptor(s), and none arrived", () => _writerEnd.Send(Frame(callId: 1, descriptors: 1)));

    [Fact]
    public void ASecondBatchBeforeTheFirstIsClaimed_IsRefused_AndBothAreClosed()
    {
        var file = OpenFile();
        byte[] frame = Frame(callId: 1, descriptors: 1);
        DescriptorSender.Send(_writerEnd, frame.AsSpan(0, 8), Fd(file));
        DescriptorSender.Send(_writerEnd, frame.AsSpan(8), Fd(file));
        Refused("second batch");
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void AFrameAnnouncingMoreThanTheChannelAllows_IsRefusedAtItsHeader() =>
        Refused($"carry at most {MaxPerFrame}", () => _writerEnd.Send(Frame(callId: 1, descriptors: MaxPerFrame + 1)));

    [Fact]
    public void ABatchLargerThanAFrameMayCarry_IsRefusedOnArrival()
    {
        var file = OpenFile();
        DescriptorSender.Send(_writerEnd, Frame(callId: 1, descriptors: 1).AsSpan(0, 4), Enumerable.Repeat(Fd(file), MaxPerFrame + 1).ToArray());
        Refused($"more than the {MaxPerFrame}");
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void AFrameOfAKindThatCarriesNone_AnnouncingSome_IsRefusedAtItsHeader()
    {
        byte[] cancel = new byte[FrameHeader.Size];
        (new FrameHeader(0, FrameKind.Cancel, 0, 1) with { Descriptors = 1 }).Write(cancel);
        Refused("only requests and responses carry any", () => _writerEnd.Send(cancel));
    }

    [Fact]
    public void ABatchHeldForAFrameNotYetWhole_IsClosedWhenTheChannelEnds()
    {
        var file = OpenFile();
        DescriptorSender.Send(_writerEnd, Frame(callId: 1, descriptors: 1).AsSpan(0, FrameHeader.Size + 1), Fd(file));
        Task<bool> reading = Task.Run(() => _reader.TryReadFrame(out _, out _));
        WaitUntil(() => Copies(file.Path).Length == 2);

        _reader.CloseHeldDescriptors();

        Assert.Single(Copies(file.Path));
        _writerEnd.Shutdown(SocketShutdown.Both);
        Assert.ThrowsAny<Exception>(() => reading.GetAwaiter().GetResult());
    }

    [Fact]
    public void AWholeFrameSentWithTheNextFramesDescriptors_LeavesThemToTheFrameThatAnnouncesThem()
    {
        // One sendmsg: a frame announcing none, then the first byte of one announcing one, with the descriptor: the
        // read that brings it ends inside the second frame, which is the one it goes to.
        var file = OpenFile();
        byte[] second = Frame(callId: 2, descriptors: 1);
        DescriptorSender.Send(_writerEnd, [.. Frame(callId: 1, descriptors: 0), second[0]], Fd(file));
        _writerEnd.Send(second.AsSpan(1));

        Assert.Null(Read(1));
        SafeFileHandle handle = Assert.Single(Assert.IsType<SafeFileHandle[]>(Read(2)));
        Assert.Equal(file.Path, Target((int)handle.DangerousGetHandle()));
        handle.Dispose();
    }

    [Fact]
    public void AnHonestFrameWhoseRestArrivesWithTheNextFramesBatch_KeepsItsOwn()
    {
        // The first frame's first piece carries its descriptor; its rest and the next frame (with its own) are queued
        // behind it. A read that ran on from the first frame's rest into the second frame would bring the second batch
        // while the first is held: reads stop at the frame's end instead.
        var (first, second) = (OpenFile(), OpenFile());
        byte[] one = Frame(callId: 1, descriptors: 1);
        DescriptorSender.Send(_writerEnd, one.AsSpan(0, 8), Fd(first));
        _writerEnd.Send(one.AsSpan(8));
        DescriptorSender.Send(_writerEnd, Frame(callId: 2, descriptors: 1), Fd(second));

        SafeFileHandle fromFirst = Assert.Single(Assert.IsType<SafeFileHandle[]>(Read(1)));
        SafeFileHandle fromSecond = Assert.Single(Assert.IsType<SafeFileHandle[]>(Read(2)));
        Assert.Equal(first.Path, Target((int)fromFirst.DangerousGetHandle()));
        Assert.Equal(second.Path, Target((int)fromSecond.DangerousGetHandle()));
        fromFirst.Dispose();
        fromSecond.Dispose();
    }

    [Fact]
    public async Task ABatchThatArrivesAfterItsFramesFirstBytes_IsRefused()
    {
        // The frame's first bytes come alone and are read; its descriptor comes with a later piece: it did not ride on
        // the frame's first sendmsg.
        var file = OpenFile();
        byte[] frame = Frame(callId: 1, descriptors: 1);
        Task<bool> reading = Task.Run(() => _reader.TryReadFrame(out _, out _));
        _writerEnd.Send(frame.AsSpan(0, 10));
        WaitUntil(() => _readerEnd.Available == 0);
        await Task.Delay(50);

        DescriptorSender.Send(_writerEnd, frame.AsSpan(10), Fd(file));

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("arrived with stream bytes 10 to", error.Message, StringComparison.Ordinal);
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void AHeldBatch_IsClosedWhenItsFramesHeaderIsRefused()
    {
        var file = OpenFile();
        byte[] frame = Frame(callId: 1, descriptors: 0);
        frame[4] = 99; // no such kind
        DescriptorSender.Send(_writerEnd, frame, Fd(file));
        Refused("unknown kind 99");
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void AHeldBatch_IsClosedWhenThePeerStopsInsideTheHeader()
    {
        var file = OpenFile();
        DescriptorSender.Send(_writerEnd, Frame(callId: 1, descriptors: 1).AsSpan(0, 10), Fd(file));
        _writerEnd.Shutdown(SocketShutdown.Send);

        Assert.Throws<ChannelClosedException>(() => _reader.TryReadFrame(out _, out _));
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void ATruncatedControlMessage_IsRefused_AndWhatArrivedIsClosed()
    {
        // Room for two descriptors (one, padded); three sent: the kernel drops one and says so.
        var file = OpenFile();
        var reader = new FrameReader(_readerEnd, ChannelOptions.DefaultMaxFrameSize, Interop.Libc.ControlSpace(sizeof(int)), MaxPerFrame);
        DescriptorSender.Send(_writerEnd, Frame(callId: 1, descriptors: 3), Fd(file), Fd(file), Fd(file));

        var error = Assert.Throws<ChannelProtocolException>(() => reader.TryReadFrame(out _, out _));
        Assert.Contains("more control data", error.Message, StringComparison.Ordinal);
        Assert.Single(Copies(file.Path));
    }

    [Fact]
    public void TheSender_KeepsNoHoldOnItsDescriptors_AfterTheFrameIsSent()
    {
        var file = OpenFile();
        var writer = new FrameWriter(_writerEnd, ChannelOptions.DefaultMaxFrameSize);
        Send(writer, 1, [file.Handle]);
        Assert.Single(Assert.IsType<SafeFileHandle[]>(Read(1))).Dispose();

        file.Handle.Dispose();

        Assert.Empty(Copies(file.Path));
    }

    [Fact]
    public void TheSender_RefusesDescriptorsOnAFrameThatCarriesNone_AndADisposedOne_SendingNothing()
    {
        var file = OpenFile();
        var writer = new FrameWriter(_writerEnd, ChannelOptions.DefaultMaxFrameSize);
        var empty = default(EmptyPayload);
        int gate = SendGate.Open;
        Assert.Throws<ArgumentException>(() => writer.Write(FrameKind.Canceled, 0, 1, ref empty, ref gate, [file.Handle]));

        var disposed = new SafeFileHandle(file.Handle.DangerousGetHandle(), ownsHandle: false);
        disposed.Dispose();
        Assert.Throws<ArgumentException>(() => writer.Write(FrameKind.Request, 0, 1, ref empty, ref gate, [file.Handle, disposed]));

        Assert.Equal(SendGate.Open, gate);
        Assert.Equal(0, _readerEnd.Available);
    }

    public void Dispose()
    {
        _reader.CloseHeldDescriptors();
        _writerEnd.Dispose();
        _readerEnd.Dispose();
        foreach ((string path, SafeFileHandle handle) in _files)
        {
            handle.Dispose();
            File.Delete(path);
        }
    }

    private (string Path, SafeFileHandle Handle) OpenFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "spg-frame-descriptor-" + Guid.NewGuid().ToString("N"));
        var file = (path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite));
        _files.Add(file);
        return file;
    }

    private static int Fd((string Path, SafeFileHandle Handle) file) => (int)file.Handle.DangerousGetHandle();

    private static void Send(FrameWriter writer, uint callId, SafeHandle[] descriptors)
    {
        var request = new Arguments<uint, UnmanagedCodec<uint>>(callId);
        int gate = SendGate.Open;
        Assert.True(writer.Write(FrameKind.Request, 0, callId, ref request, ref gate, descriptors));
    }

    /// <summary>Reads the next frame, checks it is call <paramref name="callId"/>'s, and returns its descriptors.</summary>
    private SafeFileHandle[]? Read(uint callId)
    {
        Assert.True(_reader.TryReadFrame(out FrameHeader header, out _));
        Assert.Equal(callId, header.CallId);
        return _reader.TakeDescriptors();
    }

    private static byte[] Frame(uint callId, int descriptors)
    {
        byte[] frame = new byte[FrameHeader.Size + 4];
        (new FrameHeader(4, FrameKind.Request, 0, callId) with { Descriptors = descriptors }).Write(frame);
        return frame;
    }

    private void Refused(string expected, Action? send = null)
    {
        send?.Invoke();
        var error = Assert.Throws<ChannelProtocolException>(() =>
        {
            while (_reader.TryReadFrame(out _, out _))
            {
            }
        });
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static string[] Copies(string path) =>
        [.. Directory.GetFiles("/proc/self/fd").Where(entry => Target(entry) == path)];

    private static string? Target(string entry)
    {
        try
        {
            return new FileInfo(entry).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed while we looked
        }
    }

    private static string? Target(int fd) => Target($"/proc/self/fd/{fd}");

    private static int Flags(int fd)
    {
        string line = File.ReadLines($"/proc/self/fdinfo/{fd}").First(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return Convert.ToInt32(line["flags:".Length..].Trim(), 8);
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "Gave up waiting.");
            Thread.Sleep(10);
        }
    }
}
