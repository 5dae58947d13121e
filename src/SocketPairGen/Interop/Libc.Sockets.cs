using System.Runtime.InteropServices;

namespace SocketPairGen.Interop;

internal static partial class Libc
{
    internal const int AF_UNIX = 1;
    internal const int SOCK_STREAM = 1;
    internal const int SOCK_CLOEXEC = 0x80000; // same value as O_CLOEXEC on Linux

    internal const int SOL_SOCKET = 1;
    internal const int SO_TYPE = 3;
    internal const int SO_DOMAIN = 39;

    internal const int MSG_NOSIGNAL = 0x4000;

    /// <summary>This one send does not block, whatever the descriptor's mode: it fails with EAGAIN instead.</summary>
    internal const int MSG_DONTWAIT = 0x40;

    /// <summary>One element of a scatter/gather list (<c>struct iovec</c>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [LibraryImport(LibraryName, EntryPoint = "socketpair", SetLastError = true)]
    internal static unsafe partial int SocketPair(int domain, int type, int protocol, int* fds);

    [LibraryImport(LibraryName, EntryPoint = "getsockopt", SetLastError = true)]
    internal static unsafe partial int GetSockOpt(int fd, int level, int name, void* value, uint* length);

    /// <summary><c>struct msghdr</c> (x86_64 and arm64 layout), without address or control data.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* IoVecs;
        public nuint IoVecCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    internal const short POLLIN = 0x001;
    internal const short POLLOUT = 0x004;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>
    /// <c>sendmsg</c>: sends a frame header and a caller's payload in one system call, without copying the
    /// payload into a buffer of ours first.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "sendmsg", SetLastError = true)]
    internal static unsafe partial nint SendMsg(int fd, MessageHeader* message, int flags);

    /// <summary>
    /// <c>recvmsg</c>: receives bytes of the stream and, in <see cref="MessageHeader.Control"/>, any descriptors a
    /// peer attached to them (<c>SCM_RIGHTS</c>).
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "recvmsg", SetLastError = true)]
    internal static unsafe partial nint RecvMsg(int fd, MessageHeader* message, int flags);

    /// <summary>The control message that carries descriptors (level <see cref="SOL_SOCKET"/>).</summary>
    internal const int SCM_RIGHTS = 1;

    /// <summary>A pidfd of the sender, sent by the kernel when the receiving socket has <c>SO_PASSPIDFD</c> set (Linux 6.5+).</summary>
    internal const int SCM_PIDFD = 4;

    /// <summary>Received descriptors are close-on-exec from birth: no instant in which a spawn could inherit them.</summary>
    internal const int MSG_CMSG_CLOEXEC = 0x40000000;

    /// <summary>Set by <c>recvmsg</c> when control data did not fit: descriptors were lost (the kernel closed them).</summary>
    internal const int MSG_CTRUNC = 0x8;

    /// <summary>The most descriptors one <c>sendmsg</c> can carry (the kernel's <c>SCM_MAX_FD</c>).</summary>
    internal const int SCM_MAX_FD = 253;

    /// <summary><c>struct cmsghdr</c> (x86_64 and arm64): its data follows, aligned to 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ControlMessageHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary><c>CMSG_ALIGN</c>.</summary>
    internal static int ControlAlign(int length) => (length + 7) & ~7;

    /// <summary><c>CMSG_SPACE</c>: the room a control message with <paramref name="dataLength"/> bytes of data takes.</summary>
    internal static unsafe int ControlSpace(int dataLength) => ControlAlign(sizeof(ControlMessageHeader)) + ControlAlign(dataLength);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}
