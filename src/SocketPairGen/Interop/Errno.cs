using System.Runtime.InteropServices;

namespace SocketPairGen.Interop;

/// <summary>Turns a failed libc call into an exception whose message names the errno symbolically.</summary>
internal static class Errno
{
    internal const int EINTR = 4;
    internal const int EBADF = 9;
    internal const int ECHILD = 10;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EINVAL = 22;
    internal const int ENFILE = 23;
    internal const int EMFILE = 24;
    internal const int ENOTSOCK = 88;
    internal const int EPIPE = 32;
    internal const int ESRCH = 3;
    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int ECONNRESET = 104;
    internal const int ENOBUFS = 105;
    internal const int ENOTCONN = 107;
    internal const int ETIMEDOUT = 110;

    /// <summary>
    /// The <see cref="System.Net.Sockets.SocketError"/> that .NET reports for <paramref name="errno"/> from a socket call,
    /// for the few a channel's reads and writes can meet: the channel's own <c>recvmsg</c> and <c>sendmsg</c> then
    /// fail with the codes <see cref="System.Net.Sockets.Socket"/> would have given.
    /// </summary>
    internal static System.Net.Sockets.SocketError ToSocketError(int errno) => errno switch
    {
        ECONNRESET => System.Net.Sockets.SocketError.ConnectionReset,
        EPIPE => System.Net.Sockets.SocketError.Shutdown,
        ETIMEDOUT => System.Net.Sockets.SocketError.TimedOut,
        ENOTCONN => System.Net.Sockets.SocketError.NotConnected,
        ENOTSOCK => System.Net.Sockets.SocketError.NotSocket,
        EINVAL => System.Net.Sockets.SocketError.InvalidArgument,
        ENOMEM or ENOBUFS => System.Net.Sockets.SocketError.NoBufferSpaceAvailable,
        _ => System.Net.Sockets.SocketError.SocketError,
    };

    /// <summary>The errno of the last P/Invoke declared with <c>SetLastError = true</c>.</summary>
    internal static int Last => Marshal.GetLastPInvokeError();

    /// <summary>The symbolic name of an errno value, such as <c>EMFILE</c>, or <c>errno N</c>.</summary>
    internal static string Name(int errno) => errno switch
    {
        1 => "EPERM",
        ENOENT => "ENOENT",
        ESRCH => "ESRCH",
        EINTR => "EINTR",
        5 => "EIO",
        7 => "E2BIG",
        8 => "ENOEXEC",
        EBADF => "EBADF",
        ECHILD => "ECHILD",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        14 => "EFAULT",
        20 => "ENOTDIR",
        21 => "EISDIR",
        EINVAL => "EINVAL",
        ENFILE => "ENFILE",
        EMFILE => "EMFILE",
        26 => "ETXTBSY",
        EPIPE => "EPIPE",
        36 => "ENAMETOOLONG",
        38 => "ENOSYS",
        40 => "ELOOP",
        ENOTSOCK => "ENOTSOCK",
        93 => "EPROTONOSUPPORT",
        95 => "EOPNOTSUPP",
        97 => "EAFNOSUPPORT",
        ECONNRESET => "ECONNRESET",
        105 => "ENOBUFS",
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// An <see cref="IOException"/> for a failed call: "<paramref name="operation"/> failed: EMFILE (Too many
    /// open files)". <see cref="Exception.HResult"/> carries the errno value.
    /// </summary>
    internal static IOException Exception(string operation, int errno)
    {
        string description = Marshal.GetPInvokeErrorMessage(errno);
        return new IOException($"{operation} failed: {Name(errno)} ({description}).", errno);
    }
}
