using System.Globalization;
using System.Text;

namespace SocketPairGen.Analyzers.Tests.Cost;

/// <summary>
/// Writes the source files of the cost-measurement consumer: each a realistic mix of what the corpus holds
/// (DllImport and LibraryImport declarations, Linux constants, 5-10 libc calls with flags folded from constants and
/// locals, each descriptor checked and closed as correct code does), varied by the file's number, with the mistakes
/// a project that builds has now and then, each in one file in 25: close-on-exec set afterwards with fcntl, a
/// descriptor left open on an early return, a socketpair end read with GetRawSocketOption. (Warnings in most files
/// would measure the analyzer driver's generated-code check, which runs once per file that gets a diagnostic.)
/// </summary>
internal static class ConsumerSourceGenerator
{
    /// <summary>The source of file number <paramref name="index"/>.</summary>
    public static string File(int index)
    {
        string n = index.ToString(CultureInfo.InvariantCulture);
        var calls = new StringBuilder();
        string[] pool =
        [
            "        int s = Native.socket(Native.AF_UNIX, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);\n        Native.close(s);\n",
            "        int flags = Native.SOCK_SEQPACKET | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK;\n        Native.socketpair(Native.AF_UNIX, flags, 0, pair);\n",
            "        Native.pipe2(pipe, Native.O_CLOEXEC);\n",
            "        int file = Native.open(path, Native.O_RDONLY | Native.O_CLOEXEC, 0);\n        if (file < 0) return -1;\n        Native.close(file);\n",
            "        int ep = Native.epoll_create1(Native.EPOLL_CLOEXEC);\n        Native.close(ep);\n",
            "        int ev = Native.eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);\n        Native.close(ev);\n",
            "        int mem = Native.memfd_create(\"buf" + n + "\", Native.MFD_CLOEXEC);\n        Native.close(mem);\n",
            "        int copy = Native.fcntl(fd, Native.F_DUPFD_CLOEXEC, 3);\n        Native.close(copy);\n",
            "        int accepted = Native.accept4(fd, IntPtr.Zero, IntPtr.Zero, Native.SOCK_CLOEXEC);\n        if (accepted == -1) return -1;\n        Native.close(accepted);\n",
            "        nint got = Native.recvmsg(fd, IntPtr.Zero, Native.MSG_CMSG_CLOEXEC);\n",
            "        int checkedFd = Native.open(path, Native.O_RDONLY | Native.O_CLOEXEC, 0);\n        int fdFlags = Native.fcntl(checkedFd, Native.F_GETFD, 0);\n        Native.close(checkedFd);\n",
            "        int tfd = Native.timerfd_create(1, Native.TFD_CLOEXEC);\n        Native.close(tfd);\n",
            "        int dup = Native.dup3(fd, 10, Native.O_CLOEXEC);\n",
            "        int byParameter = Native.socket(Native.AF_UNIX, type, 0);\n        Native.close(byParameter);\n",
        ];
        // One file in 25 also reads SO_PEERCRED on an end of its own socketpair (SPG0021).
        string peerCredentials = index % 25 == 0
            ? "\n        local.First.GetRawSocketOption(Native.SOL_SOCKET, Native.SO_PEERCRED, ucred);"
            : "";
        // One file in 25 opens a file without O_CLOEXEC and sets the flag afterwards (SPG0004, SPG0008).
        string lateFlag = index % 25 == 5
            ? "        int late = Native.open(path, Native.O_RDONLY, 0);\n        Native.fcntl(late, Native.F_SETFD, Native.FD_CLOEXEC);\n        Native.close(late);\n"
            : "";
        // One file in 25 forgets a descriptor on an early return (SPG0010).
        string earlyReturn = index % 25 == 10
            ? "        int probe = Native.open(path, Native.O_RDONLY | Native.O_CLOEXEC, 0);\n        if (type == 0) return -1;\n        Native.close(probe);\n"
            : "";
        int count = 5 + index % 6;
        for (int i = 0; i < count; i++)
        {
            calls.Append(pool[(index + i * 3) % pool.Length]);
        }

        return $$"""
            using System.Net.Sockets;
            using System.Runtime.InteropServices;
            using SocketPairGen;

            namespace Consumer.Module{{n}};

            internal static partial class Native
            {
                public const int AF_UNIX = 1;
                public const int SOCK_STREAM = 1;
                public const int SOCK_SEQPACKET = 5;
                public const int SOCK_NONBLOCK = 0x800;
                public const int SOCK_CLOEXEC = 0x80000;
                public const int O_RDONLY = 0;
                public const int O_CLOEXEC = 0x80000;
                public const int EPOLL_CLOEXEC = 0x80000;
                public const int EFD_CLOEXEC = 0x80000;
                public const int EFD_NONBLOCK = 0x800;
                public const int TFD_CLOEXEC = 0x80000;
                public const uint MFD_CLOEXEC = 1;
                public const int F_GETFD = 1;
                public const int F_SETFD = 2;
                public const int FD_CLOEXEC = 1;
                public const int F_DUPFD_CLOEXEC = 1030;
                public const int MSG_CMSG_CLOEXEC = 0x40000000;
                public const int SOL_SOCKET = 1;
                public const int SO_PEERCRED = 17;

                [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);
                [DllImport("libc", SetLastError = true)] public static extern int socketpair(int domain, int type, int protocol, int[] sv);
                [DllImport("libc", SetLastError = true)] public static extern int pipe2(int[] fds, int flags);
                [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] public static extern int accept4(int fd, IntPtr addr, IntPtr addrlen, int flags);
                [DllImport("libc", SetLastError = true)] public static extern int dup3(int oldfd, int newfd, int flags);
                [DllImport("libc", SetLastError = true)] public static extern int fcntl(int fd, int cmd, int arg);
                [DllImport("libc", SetLastError = true)] public static extern int epoll_create1(int flags);
                [DllImport("libc", SetLastError = true)] public static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] public static extern int timerfd_create(int clockid, int flags);
                [DllImport("libc", SetLastError = true)] public static extern nint recvmsg(int fd, IntPtr msg, int flags);

                [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
                public static partial int memfd_create(string name, uint flags);

                [LibraryImport("libc", SetLastError = true)]
                public static partial int close(int fd);
            }

            internal sealed class Worker{{n}} : IDisposable
            {
                private readonly int[] pair = new int[2];
                private readonly int[] pipe = new int[2];
                private int _owned = -1;

                public int Run(string path, int fd, int type)
                {
                    int owned = -1;
                    try
                    {
            {{calls}}{{lateFlag}}{{earlyReturn}}            owned = Native.socket(Native.AF_UNIX, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
                        _owned = owned;
                        owned = -1;
                        return _owned;
                    }
                    finally
                    {
                        if (owned >= 0)
                        {
                            Native.close(owned);
                        }
                    }
                }

                public static int Credentials(Socket connection)
                {
                    Span<byte> ucred = stackalloc byte[12];
                    connection.GetRawSocketOption(Native.SOL_SOCKET, Native.SO_PEERCRED, ucred);
                    using SocketPair local = SocketPair.Create();{{peerCredentials}}
                    local.First.Send(ucred);
                    return ucred[0];
                }

                public void Dispose() => Native.close(_owned);
            }
            """;
    }
}
