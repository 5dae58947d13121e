using System.Collections.Generic;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>The Linux values the descriptor rules judge flags by, and what a close-on-exec name must hold.</summary>
internal static class LinuxFlags
{
    /// <summary>SOCK_CLOEXEC, O_CLOEXEC, EPOLL_CLOEXEC, IN_CLOEXEC, EFD_CLOEXEC, TFD_CLOEXEC, SFD_CLOEXEC: all 02000000.</summary>
    public const long CloseOnExec = 0x80000;

    /// <summary>MFD_CLOEXEC, memfd_create's own value.</summary>
    public const long MemfdCloseOnExec = 0x1;

    /// <summary>MSG_CMSG_CLOEXEC, for recvmsg.</summary>
    public const long MsgCmsgCloseOnExec = 0x40000000;

    /// <summary>MSG_ERRQUEUE: recvmsg reads the socket's error queue, which never carries descriptors.</summary>
    public const long MsgErrQueue = 0x2000;

    public const int FcntlDupFd = 0; // F_DUPFD
    public const int FcntlDupFdCloseOnExec = 1030; // F_DUPFD_CLOEXEC
    public const int FcntlSetFd = 2; // F_SETFD
    public const long FdCloseOnExec = 1; // FD_CLOEXEC
    public const int SolSocket = 1; // SOL_SOCKET
    public const int SoPeerCred = 17; // SO_PEERCRED

    /// <summary>
    /// The close-on-exec names and their values on Linux (every architecture .NET runs on uses the generic values).
    /// A constant of one of these names that holds another value is SPG0009's lie.
    /// </summary>
    public static IReadOnlyDictionary<string, long> CloseOnExecNames { get; } = new Dictionary<string, long>(System.StringComparer.Ordinal)
    {
        ["SOCK_CLOEXEC"] = CloseOnExec,
        ["O_CLOEXEC"] = CloseOnExec,
        ["EPOLL_CLOEXEC"] = CloseOnExec,
        ["IN_CLOEXEC"] = CloseOnExec,
        ["EFD_CLOEXEC"] = CloseOnExec,
        ["TFD_CLOEXEC"] = CloseOnExec,
        ["SFD_CLOEXEC"] = CloseOnExec,
        ["MFD_CLOEXEC"] = MemfdCloseOnExec,
        ["FD_CLOEXEC"] = FdCloseOnExec,
        ["MSG_CMSG_CLOEXEC"] = MsgCmsgCloseOnExec,
        ["F_DUPFD_CLOEXEC"] = 1030,
    };

    /// <summary>
    /// The values the same names have on the other systems .NET code is written for (macOS, FreeBSD, OpenBSD,
    /// NetBSD), from their headers. A constant holding one of them is another platform's constant, not a lie: code
    /// using it is not judged by Linux values. The BSDs define their Linux-compatible calls' flags (eventfd, timerfd,
    /// epoll emulation) as their own O_CLOEXEC.
    /// </summary>
    private static readonly Dictionary<string, long[]> OtherPlatformValues = new(System.StringComparer.Ordinal)
    {
        ["O_CLOEXEC"] = [0x1000000, 0x100000, 0x10000, 0x400000],
        ["SOCK_CLOEXEC"] = [0x10000000, 0x8000],
        ["EPOLL_CLOEXEC"] = [0x100000, 0x400000],
        ["EFD_CLOEXEC"] = [0x100000, 0x400000],
        ["TFD_CLOEXEC"] = [0x100000, 0x400000],
        ["MSG_CMSG_CLOEXEC"] = [0x40000],
        ["F_DUPFD_CLOEXEC"] = [67, 17],
    };

    /// <summary>
    /// The close-on-exec flag <paramref name="name"/> stands for: the name itself (<c>O_CLOEXEC</c>) or a name that
    /// ends in <c>_</c> and one (<c>LINUX_O_CLOEXEC</c>, <c>MAC_O_CLOEXEC</c>). Null for every other name.
    /// </summary>
    public static string? CloseOnExecNameOf(string name)
    {
        if (!name.EndsWith("CLOEXEC", System.StringComparison.Ordinal))
        {
            return null; // the common case, decided without a lookup
        }

        if (CloseOnExecNames.ContainsKey(name))
        {
            return name;
        }

        foreach (string known in CloseOnExecNames.Keys)
        {
            if (name.Length > known.Length + 1 && name[name.Length - known.Length - 1] == '_' && name.EndsWith(known, System.StringComparison.Ordinal))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>What a constant called <paramref name="name"/> holding <paramref name="value"/> is.</summary>
    public static NamedValue Judge(string name, long value)
    {
        if (CloseOnExecNameOf(name) is not { } flag)
        {
            return NamedValue.Plain;
        }

        if (CloseOnExecNames[flag] == value)
        {
            return NamedValue.Plain;
        }

        return OtherPlatformValues.TryGetValue(flag, out long[]? elsewhere) && System.Array.IndexOf(elsewhere, value) >= 0
            ? NamedValue.OtherPlatform
            : NamedValue.Lie;
    }
}

/// <summary>How a named constant's value relates to the Linux value its name promises.</summary>
internal enum NamedValue
{
    /// <summary>No close-on-exec name, or the Linux value of its name.</summary>
    Plain,

    /// <summary>A close-on-exec name holding that flag's value on another system.</summary>
    OtherPlatform,

    /// <summary>A close-on-exec name holding a value that is that flag nowhere (SPG0009).</summary>
    Lie,
}
