using System.Globalization;
using System.Net.Sockets;
using SocketPairGen.Interop;

namespace SocketPairGen;

public sealed partial class ChildProcess
{
    private static readonly Lock s_inheritedLock = new();
    private static bool s_inheritedOpened;

    /// <summary>
    /// In a child started by <see cref="Start(string, IEnumerable{string}, ChildProcessOptions?)"/>: its end of the
    /// socket pair, at the descriptor named by <see cref="DescriptorEnvironmentVariable"/> (3 when unset). The
    /// descriptor is checked to be an AF_UNIX stream socket and made close-on-exec again, so the child's own
    /// children do not inherit it.
    /// </summary>
    /// <returns>The socket; the caller owns it.</returns>
    /// <exception cref="InvalidOperationException">
    /// The variable is malformed; the descriptor is not open, is not a socket, or is a socket of another family or
    /// type (the process was not started by <c>ChildProcess.Start</c>, or the descriptor was closed or replaced);
    /// or this method already returned the socket once in this process.
    /// </exception>
    /// <exception cref="IOException">A check failed unexpectedly; the message names the errno.</exception>
    public static Socket OpenInheritedSocket()
    {
        lock (s_inheritedLock)
        {
            if (s_inheritedOpened)
            {
                throw new InvalidOperationException(
                    "OpenInheritedSocket was already called in this process; the inherited descriptor belongs to the Socket that call returned.");
            }

            int fd = InheritedDescriptorNumber();
            int flags = Libc.Fcntl(fd, Libc.F_GETFD, 0);
            if (flags < 0)
            {
                int errno = Errno.Last;
                throw errno == Errno.EBADF
                    ? new InvalidOperationException(
                        $"Descriptor {fd} is not open: this process was not started by ChildProcess.Start, or the descriptor was closed.")
                    : Errno.Exception($"fcntl({fd}, F_GETFD)", errno);
            }

            RequireUnixStreamSocket(fd);

            // The one place close-on-exec is set after the fact: the descriptor was born without it by design
            // (dup2 in the spawn), and from here on nothing but this process may hold it.
            if (Libc.Fcntl(fd, Libc.F_SETFD, flags | Libc.FD_CLOEXEC) < 0)
            {
                throw Errno.Exception($"fcntl({fd}, F_SETFD, FD_CLOEXEC)", Errno.Last);
            }

            var handle = new SafeSocketHandle(fd, ownsHandle: true);
            Socket socket;
            try
            {
                socket = new Socket(handle);
            }
            catch
            {
                handle.Dispose();
                throw;
            }

            s_inheritedOpened = true;
            return socket;
        }
    }

    private static int InheritedDescriptorNumber()
    {
        string? value = Environment.GetEnvironmentVariable(DescriptorEnvironmentVariable);
        if (string.IsNullOrEmpty(value))
        {
            return ChildProcessOptions.DefaultDescriptorNumber;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int fd))
        {
            throw new InvalidOperationException(
                $"{DescriptorEnvironmentVariable}='{value}' is not a descriptor number (a non-negative decimal integer).");
        }

        return fd;
    }

    private static unsafe void RequireUnixStreamSocket(int fd)
    {
        int domain = GetSocketOption(fd, Libc.SO_DOMAIN, "SO_DOMAIN");
        int type = GetSocketOption(fd, Libc.SO_TYPE, "SO_TYPE");
        if (domain != Libc.AF_UNIX || type != Libc.SOCK_STREAM)
        {
            throw new InvalidOperationException(
                $"Descriptor {fd} is a {FamilyName(domain)} {TypeName(type)} socket, not the AF_UNIX SOCK_STREAM socket ChildProcess.Start passes: this process was not started by ChildProcess.Start, or the descriptor was replaced.");
        }
    }

    private static unsafe int GetSocketOption(int fd, int option, string optionName)
    {
        int value = 0;
        uint length = sizeof(int);
        if (Libc.GetSockOpt(fd, Libc.SOL_SOCKET, option, &value, &length) == 0)
        {
            return value;
        }

        int errno = Errno.Last;
        throw errno == Errno.ENOTSOCK
            ? new InvalidOperationException(
                $"Descriptor {fd} is not a socket ({Describe(fd)}): this process was not started by ChildProcess.Start, or the descriptor was replaced.")
            : Errno.Exception($"getsockopt({fd}, SOL_SOCKET, {optionName})", errno);
    }

    /// <summary>What the descriptor refers to, as /proc shows it ("/dev/null", "pipe:[1234]"), for the message.</summary>
    private static string Describe(int fd)
    {
        try
        {
            string? target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            return target is null ? "unknown kind" : $"it refers to {target}";
        }
        catch (IOException)
        {
            return "unknown kind";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown kind";
        }
    }

    private static string FamilyName(int domain) => domain switch
    {
        Libc.AF_UNIX => "AF_UNIX",
        2 => "AF_INET",
        10 => "AF_INET6",
        16 => "AF_NETLINK",
        17 => "AF_PACKET",
        _ => $"family {domain}",
    };

    private static string TypeName(int type) => type switch
    {
        Libc.SOCK_STREAM => "SOCK_STREAM",
        2 => "SOCK_DGRAM",
        3 => "SOCK_RAW",
        5 => "SOCK_SEQPACKET",
        _ => $"type {type}",
    };
}
