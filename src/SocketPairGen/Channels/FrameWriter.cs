using System.Net.Sockets;
using System.Runtime.InteropServices;
using SocketPairGen.Channels.Descriptors;
using SocketPairGen.Interop;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The send path: writes whole frames, one at a time, to a socket. Any thread may send; a lock keeps frames whole.
/// The header and inline payload are written into one reusable buffer; a large trailer goes to the kernel straight
/// from the caller's memory in the same <c>sendmsg</c> call.
/// </summary>
/// <remarks>
/// A client passes two callbacks, because the server may itself be blocked writing replies that nobody reads (two
/// full socket buffers, each side waiting for the other, is the classic full-duplex deadlock). While the server may be
/// writing (<c>peerIsQuiet</c> says requests other than this frame's are unanswered), every send is non-blocking
/// (<c>MSG_DONTWAIT</c>) and a sender whose socket is full waits in <c>poll</c>, reading the peer's frames meanwhile
/// when no other thread is reading (<c>readWhileBlocked</c>). When nothing is unanswered the server has nothing to
/// write: the send blocks in the kernel, which moves a large frame faster than waking up in <c>poll</c> for each
/// piece. The server passes no callbacks: its reader thread reads while its replies are written, so its sends block.
/// </remarks>
internal sealed class FrameWriter
{
    /// <summary>Trailers up to this size are copied behind the inline part (one contiguous send); larger ones are
    /// sent by reference, which saves a copy that would cost more than the scatter/gather.</summary>
    private const int CopyTrailerLimit = 16 * 1024;

    private const int InitialBufferSize = 16 * 1024;

    /// <summary>Buffers up to this size are kept between frames; one grown for a larger inline payload is dropped.</summary>
    private const int RetainedBufferSize = 4 * 1024 * 1024;

    /// <summary>While another thread holds the reading role, a blocked sender re-checks it this often.</summary>
    private const int ReadRetryMilliseconds = 50;

    private readonly Socket _socket;
    private readonly Func<bool>? _readWhileBlocked;
    private readonly Func<int, bool>? _peerIsQuiet;
    private readonly Lock _lock = new();
    private readonly OutgoingDescriptors _outgoing = new();
    private byte[] _buffer = new byte[InitialBufferSize];

    /// <param name="socket">The connected socket.</param>
    /// <param name="maxPayloadLength">The largest payload this side sends.</param>
    /// <param name="readWhileBlocked">Reads one frame of the peer's if no other thread is reading and returns true,
    /// else returns false at once; null when the peer never blocks on us (the server side).</param>
    /// <param name="peerIsQuiet">Given how many requests the frame being sent carries (1 or 0), whether the peer
    /// can have nothing to write: no request but those is unanswered. Read under the send lock, so no request can
    /// go out (and be answered) while the frame is sent. Null: the peer never blocks on us.</param>
    public FrameWriter(Socket socket, int maxPayloadLength, Func<bool>? readWhileBlocked = null, Func<int, bool>? peerIsQuiet = null)
    {
        _socket = socket;
        MaxPayloadLength = maxPayloadLength;
        _readWhileBlocked = readWhileBlocked;
        _peerIsQuiet = peerIsQuiet;
    }

    /// <summary>The largest payload a frame may have; a side may lower it once it knows its peer's maximum.</summary>
    public int MaxPayloadLength { get; set; }

    /// <summary>
    /// Sends one frame. A payload larger than <see cref="MaxPayloadLength"/> throws <see cref="ChannelProtocolException"/>
    /// before anything is written; an exception the payload throws while it is encoded propagates, and nothing is
    /// written either. A broken connection throws <see cref="ChannelClosedException"/>.
    /// </summary>
    public void Write<TPayload>(FrameKind kind, ushort methodId, uint callId, scoped ref TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        int open = SendGate.Open;
        Write(kind, methodId, callId, ref payload, ref open);
    }

    /// <summary>
    /// Sends one frame unless <paramref name="gate"/> was closed meanwhile: under the send lock, after the frame is
    /// encoded and before its first byte goes out, the gate moves from <see cref="SendGate.Open"/> to
    /// <see cref="SendGate.Sent"/>; a gate in any other state means the frame is withdrawn (nothing is sent, false).
    /// </summary>
    public bool Write<TPayload>(FrameKind kind, ushort methodId, uint callId, scoped ref TPayload payload, ref int gate)
        where TPayload : IFramePayload, allows ref struct =>
        Write(kind, methodId, callId, ref payload, ref gate, default);

    /// <summary>
    /// As <see cref="Write{TPayload}(FrameKind, ushort, uint, ref TPayload, ref int)"/>, with
    /// <paramref name="descriptors"/> traveling with the frame: the header counts them and they ride on the first
    /// <c>sendmsg</c> of the frame's bytes (<c>SCM_RIGHTS</c>); the kernel gives the peer its own copies, and the
    /// caller keeps its handles. More than <see cref="FrameHeader.MaxDescriptors"/> throws
    /// <see cref="ChannelProtocolException"/> before anything is sent.
    /// </summary>
    public bool Write<TPayload>(FrameKind kind, ushort methodId, uint callId, scoped ref TPayload payload, ref int gate, scoped ReadOnlySpan<SafeHandle> descriptors)
        where TPayload : IFramePayload, allows ref struct
    {
        if (descriptors.Length > FrameHeader.MaxDescriptors)
        {
            throw new ChannelProtocolException(
                $"The {kind} frame would carry {descriptors.Length} descriptors, more than the {FrameHeader.MaxDescriptors} a frame can; nothing was sent.");
        }

        if (!descriptors.IsEmpty && kind is not (FrameKind.Request or FrameKind.Response))
        {
            throw new ArgumentException($"A {kind} frame carries no descriptors.", nameof(descriptors));
        }

        // Each descriptor is held from before the gate closes until the kernel has its copy: one disposed meanwhile
        // fails the write while nothing is sent, and the system cannot reuse its number under the send.
        int referenced = 0;
        try
        {
            Hold(kind, descriptors, ref referenced);
            return WriteReferenced(kind, methodId, callId, ref payload, ref gate, descriptors);
        }
        finally
        {
            Release(descriptors, referenced);
        }
    }

    /// <summary>The contract whose frames this writer sends: it says how many descriptors each request and each reply
    /// may carry. Null (tests): only the frame's own limit applies.</summary>
    public ChannelContract? Contract { get; init; }

    private bool WriteReferenced<TPayload>(FrameKind kind, ushort methodId, uint callId, scoped ref TPayload payload, ref int gate, scoped ReadOnlySpan<SafeHandle> descriptors)
        where TPayload : IFramePayload, allows ref struct
    {
        ReadOnlySpan<byte> trailer = payload.Trailer;
        long payloadLength = CheckLength(kind, payload.InlineLength, trailer.Length);
        int inlineLength = (int)payloadLength - trailer.Length;

        bool copyTrailer = trailer.Length <= CopyTrailerLimit;
        int buffered = FrameHeader.Size + inlineLength + (copyTrailer ? trailer.Length : 0);

        lock (_lock)
        {
            if (_buffer.Length < buffered)
            {
                _buffer = new byte[Math.Max(buffered, _buffer.Length * 2)];
            }

            Span<byte> frame = _buffer.AsSpan(0, buffered);

            // Cleared first, so a payload that skips a byte sends a zero, never an earlier frame's bytes.
            Span<byte> inline = frame.Slice(FrameHeader.Size, inlineLength);
            inline.Clear();
            var writer = new WireWriter(inline, _outgoing);
            int referenced = 0;
            try
            {
                payload.WriteInline(ref writer);

                // Handles the payload named (its handle codecs collected them) ride with the frame like explicit ones.
                if (_outgoing.Count > 0)
                {
                    if (!descriptors.IsEmpty)
                    {
                        throw new InvalidOperationException("A frame's descriptors come either from its payload or from the caller, not both.");
                    }

                    CheckDescriptorLimit(kind, methodId, _outgoing.Count);
                    descriptors = _outgoing.Handles;
                    Hold(kind, descriptors, ref referenced);
                }

                new FrameHeader((int)payloadLength, kind, methodId, callId) { Descriptors = descriptors.Length }.Write(frame);
                if (copyTrailer)
                {
                    trailer.CopyTo(frame[(FrameHeader.Size + inlineLength)..]);
                }

                if (Interlocked.CompareExchange(ref gate, SendGate.Sent, SendGate.Open) != SendGate.Open)
                {
                    return false;
                }

                SendAll(frame, copyTrailer ? default : trailer, kind == FrameKind.Request ? 1 : 0, descriptors);
            }
            finally
            {
                if (referenced > 0)
                {
                    Release(_outgoing.Handles, referenced);
                }

                _outgoing.Clear();
                if (_buffer.Length > RetainedBufferSize)
                {
                    _buffer = new byte[InitialBufferSize];
                }
            }
        }

        return true;
    }

    /// <summary>Adds a reference to each descriptor (counting them in <paramref name="referenced"/>), so none can be
    /// closed, and its number reused, before the kernel has its copy. A disposed one, or one that is not an open
    /// descriptor, throws <see cref="ArgumentException"/>.</summary>
    private static void Hold(FrameKind kind, scoped ReadOnlySpan<SafeHandle> descriptors, ref int referenced)
    {
        for (; referenced < descriptors.Length; referenced++)
        {
            bool added = false;
            try
            {
                descriptors[referenced].DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException ex)
            {
                throw new ArgumentException($"Descriptor {referenced} of the {kind} frame was disposed before it was sent; nothing was sent.", nameof(descriptors), ex);
            }
        }

        // Checked before the gate closes: the kernel would refuse the sendmsg (EBADF), which after the gate reads as
        // a broken connection, and a handle that .NET calls invalid (fd 0 in a SafeFileHandle()) would send stdin.
        for (int i = 0; i < descriptors.Length; i++)
        {
            if (descriptors[i].IsInvalid || Libc.Fcntl((int)descriptors[i].DangerousGetHandle(), Libc.F_GETFD, 0) < 0)
            {
                throw new ArgumentException(
                    $"Descriptor {i} of the {kind} frame is not an open descriptor (an invalid handle, or its descriptor was closed behind it); nothing was sent.",
                    nameof(descriptors));
            }
        }
    }

    private static void Release(scoped ReadOnlySpan<SafeHandle> descriptors, int referenced)
    {
        for (int i = 0; i < referenced; i++)
        {
            descriptors[i].DangerousRelease();
        }
    }

    /// <summary>A call or a result with more handles than its contract declares (an array past its
    /// <see cref="MaxDescriptorsAttribute"/>) is refused before anything is sent: the peer would refuse the frame.</summary>
    private void CheckDescriptorLimit(FrameKind kind, ushort methodId, int count)
    {
        if (Contract is null)
        {
            return;
        }

        int limit = kind == FrameKind.Request ? Contract.RequestDescriptors(methodId) : Contract.ReplyDescriptors(methodId);
        if (count > limit)
        {
            string method = Contract.MethodNames is { } names && methodId < names.Count ? names[methodId] : $"method {methodId}";
            string what = kind == FrameKind.Request ? "arguments" : "result";
            throw new ArgumentException(
                $"The {what} of {method} hold {count} descriptors; the contract {Contract.Name} allows at most {limit} " +
                "(the declared [MaxDescriptors] of its arrays of handles, plus one per single handle). Nothing was sent.");
        }
    }

    /// <summary>
    /// Encodes a whole frame into a new array, for a request that is sent later (its call id is written into the header
    /// then). Same checks as <see cref="Write{TPayload}(FrameKind, ushort, uint, ref TPayload)"/>: nothing is encoded
    /// for a payload over <see cref="MaxPayloadLength"/>.
    /// </summary>
    public byte[] Encode<TPayload>(FrameKind kind, ushort methodId, scoped ref TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        ReadOnlySpan<byte> trailer = payload.Trailer;
        long payloadLength = CheckLength(kind, payload.InlineLength, trailer.Length);
        int inlineLength = (int)payloadLength - trailer.Length;

        byte[] frame = new byte[FrameHeader.Size + payloadLength]; // zeroed: padding a payload skips is sent as zeros
        new FrameHeader((int)payloadLength, kind, methodId, 0).Write(frame);
        var writer = new WireWriter(frame.AsSpan(FrameHeader.Size, inlineLength));
        payload.WriteInline(ref writer);
        trailer.CopyTo(frame.AsSpan(FrameHeader.Size + inlineLength));
        return frame;
    }

    /// <summary>Sends an encoded frame unless its <paramref name="gate"/> was closed meanwhile (see
    /// <see cref="Write{TPayload}(FrameKind, ushort, uint, ref TPayload, ref int)"/>).</summary>
    public bool WriteFrame(ReadOnlySpan<byte> frame, ref int gate)
    {
        lock (_lock)
        {
            if (Interlocked.CompareExchange(ref gate, SendGate.Sent, SendGate.Open) != SendGate.Open)
            {
                return false;
            }

            SendAll(frame, default, requests: 1);
            return true;
        }
    }

    /// <summary>Sends a frame with an empty payload (Canceled).</summary>
    public void WriteEmpty(FrameKind kind, uint callId, ushort methodId = 0)
    {
        var empty = default(EmptyPayload);
        Write(kind, methodId, callId, ref empty);
    }

    /// <summary>Sends bytes that already form whole frames (the handshake, a batch of Cancel frames).</summary>
    public void WriteFrames(ReadOnlySpan<byte> frames)
    {
        lock (_lock)
        {
            SendAll(frames, default, requests: 0);
        }
    }

    /// <summary>The payload's length, or <see cref="ChannelProtocolException"/> when it is over the maximum (nothing is sent).</summary>
    private long CheckLength(FrameKind kind, long inlineLength, int trailerLength)
    {
        long payloadLength = inlineLength + trailerLength;
        if (inlineLength < 0 || payloadLength > MaxPayloadLength)
        {
            throw new ChannelProtocolException(
                $"The {kind} frame's payload of {payloadLength} bytes is larger than the maximum frame size of {MaxPayloadLength} bytes; nothing was sent.");
        }

        return payloadLength;
    }

    /// <summary>Sends two spans (the second may be empty) with <c>sendmsg</c>, resuming after partial writes, with
    /// <paramref name="descriptors"/> on the first call that sends a byte. Called under the send lock;
    /// <paramref name="requests"/>: how many requests the frame carries.</summary>
    private unsafe void SendAll(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, int requests, scoped ReadOnlySpan<SafeHandle> descriptors = default)
    {
        int flags = _readWhileBlocked is null || _peerIsQuiet!(requests) ? Libc.MSG_NOSIGNAL : Libc.MSG_NOSIGNAL | Libc.MSG_DONTWAIT;
        SafeHandle handle = _socket.SafeHandle;
        bool added = false;
        try
        {
            // Held for the whole send: a concurrent Dispose cannot close (and the system reuse) the descriptor under us.
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();

            // The control message with the frame's descriptors.
            int controlLength = descriptors.IsEmpty ? 0 : Libc.ControlSpace(descriptors.Length * sizeof(int));
            byte* control = stackalloc byte[controlLength];
            if (controlLength > 0)
            {
                new Span<byte>(control, controlLength).Clear();
                var header = (Libc.ControlMessageHeader*)control;
                header->Length = (nuint)(Libc.ControlAlign(sizeof(Libc.ControlMessageHeader)) + (descriptors.Length * sizeof(int)));
                header->Level = Libc.SOL_SOCKET;
                header->Type = Libc.SCM_RIGHTS;
                int* fds = (int*)(control + Libc.ControlAlign(sizeof(Libc.ControlMessageHeader)));
                for (int i = 0; i < descriptors.Length; i++)
                {
                    fds[i] = (int)descriptors[i].DangerousGetHandle(); // held by the caller (Write)
                }
            }

            fixed (byte* firstPointer = first)
            fixed (byte* secondPointer = second)
            {
                Libc.IoVec* vectors = stackalloc Libc.IoVec[2];
                vectors[0] = new Libc.IoVec { Base = firstPointer, Length = (nuint)first.Length };
                vectors[1] = new Libc.IoVec { Base = secondPointer, Length = (nuint)second.Length };
                Libc.IoVec* next = vectors;
                int count = second.IsEmpty ? 1 : 2;
                while (count > 0)
                {
                    var message = new Libc.MessageHeader { IoVecs = next, IoVecCount = (nuint)count, Control = control, ControlLength = (nuint)controlLength };
                    nint sent = Libc.SendMsg(fd, &message, flags);
                    if (sent < 0)
                    {
                        int errno = Errno.Last;
                        if (errno == Errno.EINTR)
                        {
                            continue;
                        }

                        if (errno == Errno.EAGAIN)
                        {
                            WaitUntilWritable(fd);
                            continue;
                        }

                        throw new ChannelClosedException(
                            $"The connection to the peer broke: {Errno.Name(errno)} while sending.",
                            new SocketException((int)Errno.ToSocketError(errno)));
                    }

                    // The descriptors went with the first bytes sent; the rest of the frame follows without them.
                    controlLength = 0;
                    control = null;

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

    /// <summary>Waits until the socket has room (or an error or hang-up to report), reading the peer's frames
    /// meanwhile when this side reads for itself and no other thread is reading.</summary>
    private unsafe void WaitUntilWritable(int fd)
    {
        short events = _readWhileBlocked is null ? Libc.POLLOUT : (short)(Libc.POLLOUT | Libc.POLLIN);
        while (true)
        {
            var poll = new Libc.PollFd { Fd = fd, Events = events };
            int timeout = (events & Libc.POLLIN) != 0 || _readWhileBlocked is null ? -1 : ReadRetryMilliseconds;
            int ready = Libc.Poll(&poll, 1, timeout);
            if (ready < 0)
            {
                if (Errno.Last == Errno.EINTR)
                {
                    continue;
                }

                return; // the send reports the descriptor's error
            }

            if (ready == 0)
            {
                events = (short)(Libc.POLLOUT | Libc.POLLIN); // time to see whether the reading role is free now
                continue;
            }

            if ((poll.Revents & ~Libc.POLLIN) != 0)
            {
                return; // writable, or an error or hang-up the send will report
            }

            if (!_readWhileBlocked!())
            {
                events = Libc.POLLOUT; // another thread is reading: wait for room alone, and look again shortly
            }
        }
    }
}

/// <summary>The states of the gate <see cref="FrameWriter.Write{TPayload}(FrameKind, ushort, uint, ref TPayload, ref int)"/> passes through.</summary>
internal static class SendGate
{
    /// <summary>The frame may still be sent.</summary>
    public const int Open = 0;

    /// <summary>The frame's first byte has gone (or is about to go) out: from now on the peer will see it whole.</summary>
    public const int Sent = 1;

    /// <summary>The frame was withdrawn before any byte of it went out; it never will.</summary>
    public const int Withdrawn = 2;
}
