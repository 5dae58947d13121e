using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Seeds;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>
/// Target (d): a hostile client that attaches descriptors. A real <see cref="IDescriptorSink"/> server serves one
/// end of a real socketpair; the harness writes a valid handshake, then the input's frames one by one, each with as
/// many fresh descriptors attached to its first byte as its header counts (bounded), and ends the stream.
/// </summary>
/// <remarks>
/// Control byte: bits 0-1 — what is attached: 0 memory files, 1 AF_UNIX stream socket ends, 2 UDP sockets, 3 the
/// three in turn; bit 2 — one descriptor more than the header counts; bit 3 — one fewer.
/// <para>The server keeps its promises when <c>ServeAsync</c> completes or faults with
/// <see cref="ChannelProtocolException"/> within the input's time, and when it has ended no descriptor of this
/// process refers to anything the harness attached (the harness closes its own copies right after sending): every
/// descriptor that arrived was closed, whether its frame was refused, its method took it, or serving ended with it
/// held or queued.</para>
/// </remarks>
internal sealed class DescriptorTarget : IFuzzTarget
{
    public const byte UnixSockets = 1;
    public const byte UdpSockets = 2;
    public const byte OneMore = 4;
    public const byte OneFewer = 8;

    /// <summary>The most descriptors the harness attaches to one frame (the contract's methods take at most 4).</summary>
    private const int MaxAttached = 6;

    private static readonly ChannelContract Contract = IDescriptorSink.Client.Contract;
    private static readonly byte[] ClientHello = Hello.EncodeFrame(Contract, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize));
    private static readonly ChannelOptions Options = new() { MaxFrameSize = Limits.MaxFrameSize, MaxConcurrentCalls = 2 };

    private readonly List<RawFrame> _frames = new(256);
    private readonly HashSet<string> _attached = [];
    private int _created;

    public string Name => "descriptors";

    public IReadOnlyList<FuzzInput> BuildSeeds() => DescriptorSeeds.Build();

    public void Run(ReadOnlySpan<byte> input)
    {
        byte control = input.IsEmpty ? (byte)0 : input[0];
        ReadOnlySpan<byte> body = input.IsEmpty ? default : input[1..];
        _attached.Clear();

        InputBudget budget = InputBudget.Start(input.Length);
        (Socket peer, Socket serverEnd) = SocketPair.Create();
        Task serving;
        using (peer)
        {
            serving = IDescriptorSink.ServeAsync(serverEnd, new DescriptorSink(), Options);
            var draining = Task.Run(() => Drain(peer));
            if (PeerIo.TryWriteAll(peer, ClientHello, budget))
            {
                WriteFrames(peer, body, control, budget);
            }

            PeerIo.EndInput(peer);
            budget.WaitOrHang(serving, "ServeAsync after the client's end of stream");
            budget.WaitOrHang(draining, "the server's output (it closes its end when serving ends)");
        }

        TriageLog.Write($"ServeAsync: {serving.Status} {serving.Exception?.InnerException?.Message}; {_frames.Count} frames, {_attached.Count} descriptors attached");
        if (serving.IsFaulted && serving.Exception!.InnerException is not ChannelProtocolException)
        {
            throw FuzzFinding.Unexpected("ServeAsync", serving.Exception.InnerException!);
        }

        CheckNothingLeft();
    }

    /// <summary>Each frame with its descriptors on its first byte; what follows the last whole frame, plainly.</summary>
    private void WriteFrames(Socket peer, ReadOnlySpan<byte> body, byte control, InputBudget budget)
    {
        RawFrame.Split(body, _frames);
        int offset = 0;
        foreach (RawFrame frame in _frames)
        {
            int length = FrameHeader.Size + (int)frame.PayloadLength;
            int counted = (int)(frame.Reserved & 0xFFFF); // bytes 12-13: the descriptor count
            int attach = Math.Clamp(counted + ((control & OneMore) != 0 ? 1 : 0) - ((control & OneFewer) != 0 ? 1 : 0), 0, MaxAttached);
            if (!Send(peer, body.Slice(frame.Offset, length), attach, control, budget))
            {
                return;
            }

            offset = frame.Offset + length;
        }

        PeerIo.TryWriteAll(peer, body[offset..], budget);
    }

    private bool Send(Socket peer, ReadOnlySpan<byte> frame, int attach, byte control, InputBudget budget)
    {
        if (attach == 0)
        {
            return PeerIo.TryWriteAll(peer, frame, budget);
        }

        var handles = new List<IDisposable>(attach);
        try
        {
            Span<int> fds = stackalloc int[attach];
            for (int i = 0; i < attach; i++)
            {
                (IDisposable owner, SafeHandle handle) = Create(control);
                handles.Add(owner);
                fds[i] = (int)handle.DangerousGetHandle();
                _attached.Add(new FileInfo($"/proc/self/fd/{fds[i]}").LinkTarget!);
            }

            int sent = DescriptorSending.SendWith(peer, frame, fds);
            return sent >= 0 && PeerIo.TryWriteAll(peer, frame[sent..], budget);
        }
        finally
        {
            // The kernel holds what is in flight; from here only the server's copies may refer to these.
            foreach (IDisposable handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>A fresh descriptor of the kind the control byte picks, and what owns it.</summary>
    private (IDisposable Owner, SafeHandle Handle) Create(byte control)
    {
        int kind = (control & 3) == 3 ? _created % 3 : control & 3;
        _created++;
        switch (kind)
        {
            case UnixSockets:
                (Socket first, Socket second) = SocketPair.Create();
                second.Dispose();
                return (first, first.SafeHandle);
            case UdpSockets:
                var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                return (udp, udp.SafeHandle);
            default:
                SafeFileHandle file = DescriptorSending.MemoryFile($"spg-fuzz-{_created}");
                return (file, file);
        }
    }

    /// <summary>Reads whatever the server writes until it closes its end (the replies carry no descriptor).</summary>
    private static void Drain(Socket peer)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (peer.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // The harness ended the input first, or the connection was reset: either way, nothing more comes.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void CheckNothingLeft()
    {
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

            if (target is not null && _attached.Contains(target))
            {
                throw new FuzzFinding("descriptor-leak", $"After serving ended, descriptor {Path.GetFileName(entry)} of this process still refers to {target}, which the harness attached to a frame.");
            }
        }
    }
}
