using System.Net.Sockets;
using System.Runtime.InteropServices;
using SocketPairGen.Interop;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The send path: writes whole frames, one at a time, to a blocking socket. Any thread may send; a lock keeps
/// frames whole. The header and inline payload are written into one reusable buffer; a large trailer goes to the
/// kernel straight from the caller's memory in the same <c>sendmsg</c> call.
/// </summary>
internal sealed class FrameWriter
{
    /// <summary>Trailers up to this size are copied behind the inline part (one contiguous send); larger ones are
    /// sent by reference, which saves a copy that would cost more than the scatter/gather.</summary>
    private const int CopyTrailerLimit = 16 * 1024;

    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Buffers up to this size are kept between frames; one grown for a larger inline payload is dropped.</summary>
    private const int RetainedBufferSize = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private byte[] _buffer = new byte[InitialBufferSize];

    public FrameWriter(Socket socket, int maxPayloadLength)
    {
        _socket = socket;
        MaxPayloadLength = maxPayloadLength;
    }

    /// <summary>The largest payload <see cref="Write"/> sends. A server lowers it to the client's announced maximum
    /// after the handshake, before it sends any reply.</summary>
    public int MaxPayloadLength { get; set; }

    /// <summary>
    /// Sends one frame. A payload larger than the maximum frame size throws <see cref="ChannelProtocolException"/>
    /// before anything is written. A broken connection throws <see cref="ChannelClosedException"/>.
    /// </summary>
    public void Write<TPayload>(FrameKind kind, ushort methodId, uint callId, scoped ref TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        int inlineLength = payload.InlineLength;
        ReadOnlySpan<byte> trailer = payload.Trailer;
        long payloadLength = (long)inlineLength + trailer.Length;
        int maxPayloadLength = MaxPayloadLength;
        if (inlineLength < 0 || payloadLength > maxPayloadLength)
        {
            throw new ChannelProtocolException(
                $"The {kind} frame's payload of {payloadLength} bytes is larger than the maximum frame size of {maxPayloadLength} bytes; nothing was sent.");
        }

        bool copyTrailer = trailer.Length <= CopyTrailerLimit;
        int buffered = FrameHeader.Size + inlineLength + (copyTrailer ? trailer.Length : 0);
        var header = new FrameHeader((int)payloadLength, kind, methodId, callId);

        lock (_lock)
        {
            if (_buffer.Length < buffered)
            {
                _buffer = new byte[Math.Max(buffered, _buffer.Length * 2)];
            }

            Span<byte> frame = _buffer.AsSpan(0, buffered);
            header.Write(frame);

            // Cleared first, so a payload that skips a byte sends a zero, never an earlier frame's bytes.
            Span<byte> inline = frame.Slice(FrameHeader.Size, inlineLength);
            inline.Clear();
            payload.WriteInline(inline);
            if (copyTrailer)
            {
                trailer.CopyTo(frame[(FrameHeader.Size + inlineLength)..]);
                SendAll(frame, default);
            }
            else
            {
                SendAll(frame, trailer);
            }

            if (_buffer.Length > RetainedBufferSize)
            {
                _buffer = new byte[InitialBufferSize];
            }
        }
    }

    /// <summary>Sends a frame with an empty payload (Cancel, Canceled).</summary>
    public void WriteEmpty(FrameKind kind, uint callId)
    {
        var empty = default(EmptyPayload);
        Write(kind, 0, callId, ref empty);
    }

    /// <summary>Sends bytes that already form whole frames (the handshake).</summary>
    public void WriteFrames(ReadOnlySpan<byte> frames)
    {
        lock (_lock)
        {
            SendAll(frames, default);
        }
    }

    private void SendAll(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        try
        {
            if (second.IsEmpty)
            {
                while (!first.IsEmpty)
                {
                    first = first[_socket.Send(first, SocketFlags.None)..];
                }
            }
            else
            {
                SendScatter(first, second);
            }
        }
        catch (SocketException ex)
        {
            throw new ChannelClosedException($"The connection to the peer broke: {ex.SocketErrorCode} ({ex.Message}).", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ChannelClosedException("The channel's socket was disposed.", ex);
        }
    }

    /// <summary>Sends two spans with <c>sendmsg</c>, resuming after partial writes and waiting (poll) when the
    /// descriptor was made non-blocking by an earlier asynchronous socket operation.</summary>
    private unsafe void SendScatter(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        SafeHandle handle = _socket.SafeHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            fixed (byte* firstPointer = first)
            fixed (byte* secondPointer = second)
            {
                Libc.IoVec* vectors = stackalloc Libc.IoVec[2];
                vectors[0] = new Libc.IoVec { Base = firstPointer, Length = (nuint)first.Length };
                vectors[1] = new Libc.IoVec { Base = secondPointer, Length = (nuint)second.Length };
                Libc.IoVec* next = vectors;
                int count = 2;
                while (count > 0)
                {
                    var message = new Libc.MessageHeader { IoVecs = next, IoVecCount = (nuint)count };
                    nint sent = Libc.SendMsg(fd, &message, Libc.MSG_NOSIGNAL);
                    if (sent < 0)
                    {
                        int errno = Errno.Last;
                        if (errno == Errno.EINTR)
                        {
                            continue;
                        }

                        if (errno == Errno.EAGAIN)
                        {
                            WaitWritable(fd);
                            continue;
                        }

                        throw new SocketException(errno == Errno.EPIPE ? (int)SocketError.Shutdown
                            : errno == Errno.ECONNRESET ? (int)SocketError.ConnectionReset : (int)SocketError.SocketError);
                    }

                    // Skip what was sent: whole vectors, then part of the next one.
                    nuint remaining = (nuint)sent;
                    while (count > 0 && remaining >= next->Length)
                    {
                        remaining -= next->Length;
                        next++;
                        count--;
                    }

                    if (count > 0)
                    {
                        next->Base = (byte*)next->Base + remaining;
                        next->Length -= remaining;
                    }
                }
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static unsafe void WaitWritable(int fd)
    {
        var poll = new Libc.PollFd { Fd = fd, Events = Libc.POLLOUT };
        while (Libc.Poll(&poll, 1, -1) < 0 && Errno.Last == Errno.EINTR)
        {
        }
    }
}
