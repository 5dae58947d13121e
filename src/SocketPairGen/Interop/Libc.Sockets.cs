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

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
}
