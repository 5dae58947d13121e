using System.Net.Sockets;
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
/// </remarks>
internal sealed class FrameReader
{
    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Buffers up to this size are kept between frames (1 MiB calls reuse theirs); larger ones are dropped.</summary>
    private const int RetainedBufferSize = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly int _maxPayloadLength;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;

    public FrameReader(Socket socket, int maxPayloadLength)
    {
        _socket = socket;
        _maxPayloadLength = maxPayloadLength;
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
        int received;
        try
        {
            received = _socket.Receive(_buffer.AsSpan(_end), SocketFlags.None);
        }
        catch (SocketException ex)
        {
            throw new ChannelClosedException($"The connection to the peer broke: {ex.SocketErrorCode} ({ex.Message}).", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ChannelClosedException("The channel's socket was disposed.", ex);
        }

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
