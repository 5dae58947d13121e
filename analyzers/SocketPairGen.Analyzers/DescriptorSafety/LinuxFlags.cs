namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>The Linux values the descriptor rules judge flags by.</summary>
internal static class LinuxFlags
{
    /// <summary>SOCK_CLOEXEC, O_CLOEXEC, EPOLL_CLOEXEC, IN_CLOEXEC, EFD_CLOEXEC, TFD_CLOEXEC, SFD_CLOEXEC: all 02000000.</summary>
    public const long CloseOnExec = 0x80000;

    /// <summary>MFD_CLOEXEC, memfd_create's own value.</summary>
    public const long MemfdCloseOnExec = 0x1;

    /// <summary>MSG_CMSG_CLOEXEC, for recvmsg.</summary>
    public const long MsgCmsgCloseOnExec = 0x40000000;

    public const int FcntlDupFd = 0; // F_DUPFD
    public const int FcntlDupFdCloseOnExec = 1030; // F_DUPFD_CLOEXEC
    public const int FcntlSetFd = 2; // F_SETFD
    public const long FdCloseOnExec = 1; // FD_CLOEXEC
    public const int SolSocket = 1; // SOL_SOCKET
    public const int SoPeerCred = 17; // SO_PEERCRED
}
