using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;
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
/// Reads go through <c>recvmsg</c> with <c>MSG_CMSG_CLOEXEC</c>, so descriptors a peer attaches to the stream arrive
/// close-on-exec from birth. A reader whose frames carry none (every channel today) refuses the read that brings any,
/// closing them at once, before any byte of that read is trusted. A reader that accepts some holds one batch until
/// the frame it belongs to is whole (<see cref="HeldDescriptors"/>), and never more than a frame may carry.
/// </para>
/// </remarks>
internal sealed partial class FrameReader
{
    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Buffers up to this size are kept between frames (1 MiB calls reuse theirs); larger ones are dropped.</summary>
    private const int RetainedBufferSize = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly int _maxPayloadLength;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;

    /// <summary>Bytes received since the stream began: the stream offset of <c>_buffer[_end]</c>.</summary>
    private long _received;

    /// <param name="socket">The connected socket.</param>
    /// <param name="maxPayloadLength">The largest payload a frame may announce.</param>
    /// <param name="maxDescriptors">The most descriptors a frame may carry (0: none, and any that arrive are refused).</param>
    public FrameReader(Socket socket, int maxPayloadLength, int maxDescriptors = 0)
        : this(socket, maxPayloadLength, ControlCapacity, maxDescriptors)
    {
    }

    /// <summary>For tests: a reader with room for less control data than a full batch of descriptors, and a look at
    /// each received descriptor before it is closed.</summary>
    internal FrameReader(Socket socket, int maxPayloadLength, int controlCapacity, int maxDescriptors = 0, Action<int>? beforeClosingDescriptor = null)
    {
        _socket = socket;
        _maxPayloadLength = maxPayloadLength;
        _controlCapacity = controlCapacity;
        _maxDescriptors = Math.Min(maxDescriptors, FrameHeader.MaxDescriptors);
        _beforeClosingDescriptor = beforeClosingDescriptor;
    }

    /// <summary>The descriptors of the frame <see cref="TryReadFrame"/> returned last, not yet taken.</summary>
    private SafeFileHandle[]? _frameDescriptors;

    /// <summary>
    /// Takes the descriptors of the frame <see cref="TryReadFrame"/> returned last (null when it carries none): the
    /// caller owns them from then on. Those of a frame whose reader never takes them (a frame refused for its kind,
    /// say) are closed by the next read, or by <see cref="CloseHeldDescriptors"/>.
    /// </summary>
    public SafeFileHandle[]? TakeDescriptors() => Interlocked.Exchange(ref _frameDescriptors, null);

    /// <summary>Closes the descriptors held for a frame that is not whole yet, those of the last frame that were not
    /// taken, and any that arrive later: the channel is ending. Any thread may call it.</summary>
    public void CloseHeldDescriptors()
    {
        _held.CloseAll();
        CloseUntaken();
    }

    private void CloseUntaken()
    {
        if (Interlocked.Exchange(ref _frameDescriptors, null) is { } untaken)
        {
            foreach (SafeFileHandle handle in untaken)
            {
                handle.Dispose();
            }
        }
    }

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
        CloseUntaken();
        while (_end - _start < FrameHeader.Size)
        {
            if (!ReceiveMore(FrameHeader.Size))
            {
                header = default;
                payload = default;
                return false;
            }
        }

        try
        {
            header = FrameHeader.Read(_buffer.AsSpan(_start, FrameHeader.Size), _maxPayloadLength);
        }
        catch (ChannelProtocolException)
        {
            _held.CloseAll();
            throw;
        }

        if (header.Descriptors > _maxDescriptors)
        {
            _held.CloseAll();
            throw new ChannelProtocolException(
                $"Received a {header.Kind} frame announcing {header.Descriptors} descriptor(s); this channel's frames carry at most {_maxDescriptors}.");
        }

        int frameLength = FrameHeader.Size + header.PayloadLength;
        while (_end - _start < frameLength)
        {
            if (!ReceiveMore(frameLength))
            {
                // From here a peer killed while it wrote looks the same as one that stopped on purpose: it is gone.
                _held.CloseAll();
                throw new ChannelClosedException(
                    $"The peer closed the connection inside a {header.Kind} frame: {_end - _start} of {frameLength} bytes arrived.");
            }
        }

        // A reader that accepts no descriptors holds none (they are refused on arrival) and its frames announce none
        // (refused above): no lock to take on every frame.
        if (_maxDescriptors > 0)
        {
            long frameStart = _received - (_end - _start);
            _frameDescriptors = _held.Claim(header.Kind, header.Descriptors, frameStart, frameStart + frameLength);
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

        // While a batch waits for its frame, a read stops at the frame's end: the kernel hands over a sendmsg's
        // descriptors with any read that reaches its first byte, so a read running on into the next frame could bring
        // that frame's batch while this one's is still held.
        Span<byte> room = _buffer.AsSpan(_end);
        if (_maxDescriptors > 0 && _held.IsHolding)
        {
            room = room[..Math.Min(room.Length, frameLength - (_end - _start))];
        }

        int received = Receive(room);

        if (received == 0)
        {
            if (_end != _start && _end - _start < FrameHeader.Size)
            {
                _held.CloseAll();
                throw new ChannelClosedException(
                    $"The peer closed the connection inside a frame header: {_end - _start} of {FrameHeader.Size} bytes arrived.");
            }

            return false;
        }

        _end += received;
        _received += received;
        return true;
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
