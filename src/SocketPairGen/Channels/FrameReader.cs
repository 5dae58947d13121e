using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Interop;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The receive path: reads whole frames from a blocking socket into one reusable buffer. One thread at a time
/// (the channel's reader) calls <see cref="TryReadFrame"/>; the payload it returns stays valid until the next call,
/// or for good after <see cref="DetachBuffer"/>.
/// </summary>
/// <remarks>
/// The buffer grows with the bytes that actually arrive, never with what a header announces: a peer that
/// announces 16 MiB and sends nothing costs nothing. Several small frames read by one <c>recv</c> are returned
/// one by one without another system call.
/// <para>
/// Reads go through <c>recvmsg</c> with <c>MSG_CMSG_CLOEXEC</c>, so descriptors a peer attaches to the stream are
/// received close-on-exec from birth and owned by <see cref="Descriptors"/> until the channel ends. No frame of a
/// channel may carry descriptors yet: a frame that arrives with any is a protocol error, and they are closed.
/// </para>
/// </remarks>
internal sealed class FrameReader
{
    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Buffers up to this size are kept between frames (1 MiB calls reuse theirs); larger ones are dropped.</summary>
    private const int RetainedBufferSize = 4 * 1024 * 1024;

    /// <summary>Room for the most descriptors one <c>sendmsg</c> can carry: a read that brings more (or other control
    /// data that does not fit) is reported truncated, which is a protocol error.</summary>
    private static readonly int ControlCapacity = Libc.ControlSpace(Libc.SCM_MAX_FD * sizeof(int));

    private readonly Socket _socket;
    private readonly int _maxPayloadLength;
    private readonly int _controlCapacity;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;

    /// <summary>Bytes received since the stream began: the stream offset of <c>_buffer[_end]</c>.</summary>
    private long _received;

    public FrameReader(Socket socket, int maxPayloadLength)
        : this(socket, maxPayloadLength, ControlCapacity)
    {
    }

    /// <summary>For tests: a reader with room for less control data than a full batch of descriptors.</summary>
    internal FrameReader(Socket socket, int maxPayloadLength, int controlCapacity)
    {
        _socket = socket;
        _maxPayloadLength = maxPayloadLength;
        _controlCapacity = controlCapacity;
    }

    /// <summary>The descriptors received with the stream and not yet claimed; the channel closes them when it ends.</summary>
    public ReceivedDescriptors Descriptors { get; } = new();

    /// <summary>Whether bytes of a next frame are already buffered (a read may find them without a system call).</summary>
    public bool HasBufferedBytes => _end > _start;

    /// <summary>
    /// Blocks until a whole frame is buffered and returns it. Returns <see langword="false"/> when the peer closed
    /// the connection cleanly between two frames. Throws <see cref="ChannelProtocolException"/> for a malformed
    /// header, and <see cref="ChannelClosedException"/> when the stream ends inside a frame (a peer that died while
    /// it wrote) or the connection breaks (reset, or this side shut it down).
    /// </summary>
    public bool TryReadFrame(out FrameHeader header, out ReadOnlyMemory<byte> payload)
    {
        while (_end - _start < FrameHeader.Size)
        {
            if (!ReceiveMore(FrameHeader.Size))
            {
                header = default;
                payload = default;
                return false;
            }
        }

        header = FrameHeader.Read(_buffer.AsSpan(_start, FrameHeader.Size), _maxPayloadLength);
        int frameLength = FrameHeader.Size + header.PayloadLength;
        while (_end - _start < frameLength)
        {
            if (!ReceiveMore(frameLength))
            {
                // From here a peer killed while it wrote looks the same as one that stopped on purpose: it is gone.
                throw new ChannelClosedException(
                    $"The peer closed the connection inside a {header.Kind} frame: {_end - _start} of {frameLength} bytes arrived.");
            }
        }

        long frameEnd = _received - (_end - (_start + frameLength));
        int descriptors = Descriptors.DeliveredUpTo(frameEnd);
        if (descriptors > 0)
        {
            Descriptors.CloseAll();
            throw new ChannelProtocolException(
                $"A {header.Kind} frame arrived with {descriptors} descriptor(s) attached, and no frame of this channel carries any: they were closed.");
        }

        payload = _buffer.AsMemory(_start + FrameHeader.Size, header.PayloadLength);
        _start += frameLength;
        if (_start == _end)
        {
            _start = _end = 0;

            // After an unusually large frame, go back to a small buffer (the payload above keeps the large one
            // alive for as long as the caller needs it).
            if (_buffer.Length > RetainedBufferSize)
            {
                _buffer = new byte[InitialBufferSize];
            }
        }

        return true;
    }

    /// <summary>
    /// Leaves the current buffer, and so the payload last returned, to whoever holds it (a call still running
    /// with an argument that points into it): the next frames go into a fresh buffer, starting with the bytes
    /// already received after the current frame.
    /// </summary>
    public void DetachBuffer()
    {
        int buffered = _end - _start;
        var fresh = new byte[Math.Max(InitialBufferSize, buffered)];
        Buffer.BlockCopy(_buffer, _start, fresh, 0, buffered);
        _buffer = fresh;
        _start = 0;
        _end = buffered;
    }

    /// <summary>Receives at least one more byte toward a frame of <paramref name="frameLength"/> bytes.
    /// Returns <see langword="false"/> at the end of the stream.</summary>
    private bool ReceiveMore(int frameLength)
    {
        MakeRoom(frameLength);
        int received = Receive(_buffer.AsSpan(_end));

        if (received == 0)
        {
            if (_end != _start && _end - _start < FrameHeader.Size)
            {
                throw new ChannelClosedException(
                    $"The peer closed the connection inside a frame header: {_end - _start} of {FrameHeader.Size} bytes arrived.");
            }

            return false;
        }

        _end += received;
        _received += received;
        return true;
    }

    /// <summary>One <c>recvmsg</c> into <paramref name="into"/>: the bytes received (0 at the end of the stream). The
    /// descriptors that came with them go to <see cref="Descriptors"/>. The control buffer is not cleared first: only
    /// what the kernel wrote (<c>msg_controllen</c> bytes) is read, and clearing 1 KiB on every read costs time.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private unsafe int Receive(Span<byte> into)
    {
        SafeHandle handle = _socket.SafeHandle;
        bool added = false;
        try
        {
            // Held for the whole read: a concurrent Dispose cannot close (and the system reuse) the descriptor under us.
            // Disposing the channel shuts the socket down first, which ends a blocked read.
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            byte* control = stackalloc byte[_controlCapacity];
            fixed (byte* data = into)
            {
                var vector = new Libc.IoVec { Base = data, Length = (nuint)into.Length };
                while (true)
                {
                    var message = new Libc.MessageHeader { IoVecs = &vector, IoVecCount = 1, Control = control, ControlLength = (nuint)_controlCapacity };
                    nint received = Libc.RecvMsg(fd, &message, Libc.MSG_CMSG_CLOEXEC);
                    if (received < 0)
                    {
                        int errno = Errno.Last;
                        if (errno == Errno.EINTR)
                        {
                            continue;
                        }

                        throw new ChannelClosedException(
                            $"The connection to the peer broke: {Errno.Name(errno)} while receiving.",
                            new SocketException(errno == Errno.ECONNRESET ? (int)SocketError.ConnectionReset : (int)SocketError.SocketError));
                    }

                    if (message.ControlLength > 0 || (message.Flags & Libc.MSG_CTRUNC) != 0)
                    {
                        TakeDescriptors(&message, _received + received);
                    }

                    return (int)received;
                }
            }
        }
        catch (ObjectDisposedException ex)
        {
            throw new ChannelClosedException("The channel's socket was disposed.", ex);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Owns the descriptors in <paramref name="message"/>'s control data at once (each close-on-exec, received
    /// so), then refuses a read whose control data was cut short: descriptors were lost with it.</summary>
    private unsafe void TakeDescriptors(Libc.MessageHeader* message, long deliveredBy)
    {
        var batch = new List<SafeFileHandle>();
        byte* next = (byte*)message->Control;
        byte* end = next + message->ControlLength;
        int headerSize = Libc.ControlAlign(sizeof(Libc.ControlMessageHeader));
        while (next + sizeof(Libc.ControlMessageHeader) <= end)
        {
            var header = (Libc.ControlMessageHeader*)next;
            if (header->Length < (nuint)sizeof(Libc.ControlMessageHeader) || next + header->Length > end)
            {
                break;
            }

            if (header->Level == Libc.SOL_SOCKET && header->Type == Libc.SCM_RIGHTS)
            {
                int count = ((int)header->Length - headerSize) / sizeof(int);
                int* fds = (int*)(next + headerSize);
                for (int i = 0; i < count; i++)
                {
                    batch.Add(new SafeFileHandle(fds[i], ownsHandle: true));
                }
            }

            next += Libc.ControlAlign((int)header->Length);
        }

        if (batch.Count > 0)
        {
            Descriptors.Add([.. batch], deliveredBy);
        }

        if ((message->Flags & Libc.MSG_CTRUNC) != 0)
        {
            Descriptors.CloseAll();
            throw new ChannelProtocolException(
                "The peer attached more descriptors to one piece of the stream than fit in a message: the kernel dropped some, and those that arrived were closed.");
        }
    }

    /// <summary>Ensures free space after <c>_end</c>: compacts the partial frame to the front, then grows the buffer
    /// by doubling (bounded by the frame's length) when the frame cannot fit.</summary>
    private void MakeRoom(int frameLength)
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        int buffered = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, buffered);
            _start = 0;
            _end = buffered;
            if (_end < _buffer.Length)
            {
                return;
            }
        }

        // Grow only as far as bytes have actually arrived (double what we hold), capped by the frame's length.
        int newSize = (int)Math.Min((long)frameLength, Math.Max((long)_buffer.Length * 2, InitialBufferSize));
        var grown = new byte[newSize];
        Buffer.BlockCopy(_buffer, 0, grown, 0, buffered);
        _buffer = grown;
    }
}
