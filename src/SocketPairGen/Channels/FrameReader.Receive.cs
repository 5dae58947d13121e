using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Interop;

namespace SocketPairGen.Channels;

/// <summary>
/// The reader's system call: <c>recvmsg</c> with <c>MSG_CMSG_CLOEXEC</c>, and what comes with the bytes, the
/// descriptors a peer attached (refused at once by a reader whose frames carry none, else held for their frame).
/// </summary>
internal sealed partial class FrameReader
{
    /// <summary>Room for the most descriptors one <c>sendmsg</c> can carry: a read that brings more (or other control
    /// data that does not fit) is reported truncated, which is a protocol error.</summary>
    private static readonly int ControlCapacity = Libc.ControlSpace(Libc.SCM_MAX_FD * sizeof(int));

    /// <summary>How many descriptors the largest control buffer can hold (one more than a sendmsg can carry, padding).</summary>
    private static readonly int ControlCapacityInDescriptors = (ControlCapacity - Libc.ControlAlign(16)) / sizeof(int);

    private readonly int _controlCapacity;
    private readonly Action<int>? _beforeClosingDescriptor;
    private readonly int _maxDescriptors;
    private readonly HeldDescriptors _held = new();

    /// <summary>One <c>recvmsg</c> into <paramref name="into"/>: the bytes received (0 at the end of the stream). A
    /// socket some earlier code left non-blocking waits in <c>poll</c> instead of failing. The control buffer is not
    /// cleared first: only what the kernel wrote (<c>msg_controllen</c> bytes) is read, and clearing 1 KiB on every read
    /// costs time.</summary>
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

                        // A .NET asynchronous operation on the socket before the channel got it makes the descriptor
                        // non-blocking while Socket.Blocking still says true: wait as a blocking read would.
                        if (errno == Errno.EAGAIN)
                        {
                            WaitUntilReadable(fd);
                            continue;
                        }

                        throw new ChannelClosedException(
                            $"The connection to the peer broke: {Errno.Name(errno)} while receiving.",
                            new SocketException((int)Errno.ToSocketError(errno)));
                    }

                    if (message.ControlLength > 0 || (message.Flags & Libc.MSG_CTRUNC) != 0)
                    {
                        TakeDescriptors(&message, _received, _received + received);
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

    /// <summary>
    /// The descriptors in <paramref name="message"/>'s control data (each arrived close-on-exec), delivered by the read
    /// of stream bytes [<paramref name="readStart"/>, <paramref name="readEnd"/>). A reader whose frames carry some
    /// holds them for their frame (at most a frame's worth); any other refuses them (<see cref="RefuseDescriptors"/>).
    /// </summary>
    private unsafe void TakeDescriptors(Libc.MessageHeader* message, long readStart, long readEnd)
    {
        if (_maxDescriptors == 0)
        {
            RefuseDescriptors(message);
            return;
        }

        Span<int> fds = stackalloc int[ControlCapacityInDescriptors];
        int count = CollectDescriptors(message, fds);
        bool tooMany = count > _maxDescriptors;
        if (tooMany || (message->Flags & Libc.MSG_CTRUNC) != 0)
        {
            CloseRaw(fds[..count]);
            _held.CloseAll();
            throw new ChannelProtocolException(tooMany
                ? $"The peer attached {count} descriptor(s) to one piece of the stream, more than the {_maxDescriptors} a frame of this channel carries: they were closed."
                : "The peer attached more control data to the stream than fits in a message: what arrived was closed.");
        }

        if (count == 0)
        {
            return;
        }

        SafeFileHandle[]? batch = null;
        int owned = 0;
        try
        {
            batch = new SafeFileHandle[count];
            for (; owned < count; owned++)
            {
                batch[owned] = new SafeFileHandle(fds[owned], ownsHandle: true);
            }
        }
        catch
        {
            // Out of memory between their arrival and their owners: the handles made close theirs, the rest are
            // closed raw; none is left open and none closed twice.
            for (int i = 0; i < owned; i++)
            {
                batch![i].Dispose();
            }

            CloseRaw(fds[owned..count]);
            throw;
        }

        _held.Hold(batch, readStart, readEnd);
    }

    private void CloseRaw(ReadOnlySpan<int> fds)
    {
        foreach (int fd in fds)
        {
            _beforeClosingDescriptor?.Invoke(fd);
            Libc.Close(fd);
        }
    }

    /// <summary>
    /// Closes every descriptor in <paramref name="message"/>'s control data (each arrived close-on-exec), straight from
    /// the raw values: nothing is allocated, so nothing can fail between their arrival and their closing. Descriptors
    /// from the peer (<c>SCM_RIGHTS</c>) and control data cut short (<c>MSG_CTRUNC</c>, descriptors lost with it) are a
    /// protocol error; a pidfd the kernel adds because the socket asks for one (<c>SO_PASSPIDFD</c>) is only closed.
    /// </summary>
    private unsafe void RefuseDescriptors(Libc.MessageHeader* message)
    {
        Span<int> fds = stackalloc int[ControlCapacityInDescriptors];
        int fromPeer = CollectDescriptors(message, fds);
        CloseRaw(fds[..fromPeer]);
        if (fromPeer > 0)
        {
            throw new ChannelProtocolException(
                $"The peer attached {fromPeer} descriptor(s) to the stream, and no frame of this channel carries any: they were closed.");
        }

        if ((message->Flags & Libc.MSG_CTRUNC) != 0)
        {
            throw new ChannelProtocolException("The peer attached more control data to the stream than fits in a message: what arrived was closed.");
        }
    }

    /// <summary>
    /// Puts the raw descriptors the peer sent (<c>SCM_RIGHTS</c>) in <paramref name="fromPeer"/> and returns how many;
    /// closes at once a pidfd the kernel adds because the socket asks for one (<c>SO_PASSPIDFD</c>). Nothing is
    /// allocated, so nothing can fail between their arrival and their owner. <paramref name="fromPeer"/> has room for
    /// all the control buffer can hold.
    /// </summary>
    private unsafe int CollectDescriptors(Libc.MessageHeader* message, Span<int> fromPeer)
    {
        int collected = 0;
        byte* next = (byte*)message->Control;
        byte* end = next + message->ControlLength;
        int headerSize = Libc.ControlAlign(sizeof(Libc.ControlMessageHeader));
        while (next + sizeof(Libc.ControlMessageHeader) <= end)
        {
            var header = (Libc.ControlMessageHeader*)next;
            if (header->Length < (nuint)sizeof(Libc.ControlMessageHeader) || header->Length > (nuint)(end - next))
            {
                break;
            }

            if (header->Level == Libc.SOL_SOCKET && header->Type is Libc.SCM_RIGHTS or Libc.SCM_PIDFD)
            {
                int count = ((int)header->Length - headerSize) / sizeof(int);
                int* fds = (int*)(next + headerSize);
                for (int i = 0; i < count; i++)
                {
                    if (header->Type == Libc.SCM_RIGHTS && collected < fromPeer.Length)
                    {
                        fromPeer[collected++] = fds[i];
                    }
                    else
                    {
                        CloseRaw([fds[i]]);
                    }
                }
            }

            next += Libc.ControlAlign((int)header->Length);
        }

        return collected;
    }

    /// <summary>Waits until the socket has bytes, the end of the stream or an error (a shutdown wakes it).</summary>
    private static unsafe void WaitUntilReadable(int fd)
    {
        while (true)
        {
            var poll = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
            if (Libc.Poll(&poll, 1, -1) >= 0 || Errno.Last != Errno.EINTR)
            {
                return;
            }
        }
    }
}
