using static SocketPairGen.Analyzers.Tests.DescriptorSafety.CloseOnExecAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>SPG0001-SPG0007: each function reported without its close-on-exec flag, on the call, and not with it.</summary>
public class CloseOnExecRuleTests
{
    [Fact]
    public Task SocketpairWithoutFlag_SPG0001OnTheCall() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M(int[] sv) => {|#0:Libc.socketpair(AF_UNIX, SOCK_STREAM, 0, sv)|};
        }
        """,
        Diagnostic("SPG0001", 0, "socketpair"));

    [Fact]
    public Task SocketWithoutFlag_SPG0001OnTheCall() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M() => {|#0:Libc.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0)|};
        }
        """,
        Diagnostic("SPG0001", 0, "socket"));

    [Fact]
    public Task SocketAndSocketpairWithFlag_NoDiagnostic() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(int[] sv)
            {
                Libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                Libc.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv);
            }
        }
        """);

    [Fact]
    public Task Accept_AlwaysSPG0002() => VerifyAsync(
        """
        class C
        {
            int M(int fd) => {|#0:Libc.accept(fd, IntPtr.Zero, IntPtr.Zero)|};
        }
        """,
        Diagnostic("SPG0002", 0, "accept"));

    [Fact]
    public Task Accept4WithoutFlag_SPG0002_WithFlag_None() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(int fd)
            {
                {|#0:Libc.accept4(fd, IntPtr.Zero, IntPtr.Zero, 0)|};
                Libc.accept4(fd, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC);
            }
        }
        """,
        Diagnostic("SPG0002", 0, "accept4"));

    [Fact]
    public Task Pipe_AlwaysSPG0003() => VerifyAsync(
        """
        class C
        {
            int M(int[] fds) => {|#0:Libc.pipe(fds)|};
        }
        """,
        Diagnostic("SPG0003", 0, "pipe"));

    [Fact]
    public Task Pipe2WithoutFlag_SPG0003_WithFlag_None() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(int[] fds)
            {
                {|#0:Libc.pipe2(fds, 0)|};
                Libc.pipe2(fds, O_CLOEXEC);
            }
        }
        """,
        Diagnostic("SPG0003", 0, "pipe2"));

    [Fact]
    public Task OpenOpenatCreat_SPG0004() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(string path)
            {
                {|#0:Libc.open(path, O_RDONLY, 0)|};
                {|#1:Libc.openat(AT_FDCWD, path, O_WRONLY | O_CREAT, 420)|};
                {|#2:Libc.creat(path, 420)|};
                Libc.open(path, O_RDONLY | O_CLOEXEC, 0);
                Libc.openat(AT_FDCWD, path, O_CLOEXEC, 0);
            }
        }
        """,
        Diagnostic("SPG0004", 0, "open"),
        Diagnostic("SPG0004", 1, "openat"),
        Diagnostic("SPG0004", 2, "creat"));

    [Fact]
    public Task DupAndDup2OntoAHeldDescriptor_SPG0005() => VerifyAsync(
        """
        class C
        {
            int _fd;

            void M(int fd)
            {
                {|#0:Libc.dup(fd)|};
                {|#1:Libc.dup2(fd, _fd)|};
            }
        }
        """,
        Diagnostic("SPG0005", 0, "dup"),
        Diagnostic("SPG0005", 1, "dup2"));

    [Fact]
    public Task FunctionsWithoutFlagParameter_SPG0006NamesTheVariant() => VerifyAsync(
        """
        class C
        {
            void M()
            {
                {|#0:Libc.epoll_create(1)|};
                {|#1:Libc.inotify_init()|};
            }
        }
        """,
        Diagnostic("SPG0006", 0, "epoll_create", "epoll_create1(EPOLL_CLOEXEC)"),
        Diagnostic("SPG0006", 1, "inotify_init", "inotify_init1(IN_CLOEXEC)"));

    [Fact]
    public Task FunctionsWithoutTheirFlag_SPG0006NamesTheFlag() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(IntPtr mask)
            {
                {|#0:Libc.epoll_create1(0)|};
                {|#1:Libc.inotify_init1(0)|};
                {|#2:Libc.eventfd(0, EFD_NONBLOCK)|};
                {|#3:Libc.timerfd_create(CLOCK_MONOTONIC, 0)|};
                {|#4:Libc.memfd_create("secret", MFD_ALLOW_SEALING)|};
                {|#5:Libc.signalfd(-1, mask, 0)|};
            }
        }
        """,
        Diagnostic("SPG0006", 0, "epoll_create1", "EPOLL_CLOEXEC"),
        Diagnostic("SPG0006", 1, "inotify_init1", "IN_CLOEXEC"),
        Diagnostic("SPG0006", 2, "eventfd", "EFD_CLOEXEC"),
        Diagnostic("SPG0006", 3, "timerfd_create", "TFD_CLOEXEC"),
        Diagnostic("SPG0006", 4, "memfd_create", "MFD_CLOEXEC"),
        Diagnostic("SPG0006", 5, "signalfd", "SFD_CLOEXEC"));

    [Fact]
    public Task FunctionsWithTheirFlag_NoSPG0006() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(IntPtr mask)
            {
                Libc.epoll_create1(EPOLL_CLOEXEC);
                Libc.inotify_init1(IN_CLOEXEC);
                Libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
                Libc.timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
                Libc.memfd_create("secret", MFD_CLOEXEC | MFD_ALLOW_SEALING);
                Libc.signalfd(-1, mask, SFD_CLOEXEC);
            }
        }
        """);

    [Fact]
    public Task MemfdCreateWithSockCloexecValue_StillSPG0006() => VerifyAsync(
        """
        class C
        {
            // MFD_CLOEXEC is 1, not 0x80000: the wrong constant is a missing flag.
            int M() => {|#0:Libc.memfd_create("secret", 0x80000)|};
        }
        """,
        Diagnostic("SPG0006", 0, "memfd_create", "MFD_CLOEXEC"));

    [Fact]
    public Task RecvmsgWithoutFlag_SPG0007_WithFlag_None() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(int fd, IntPtr msg)
            {
                {|#0:Libc.recvmsg(fd, msg, MSG_DONTWAIT)|};
                Libc.recvmsg(fd, msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
            }
        }
        """,
        Diagnostic("SPG0007", 0, "recvmsg"));

    [Fact]
    public Task RecvmsgWithOCloexecValue_StillSPG0007() => VerifyAsync(
        """
        using static Linux;

        class C
        {
            nint M(int fd, IntPtr msg) => {|#0:Libc.recvmsg(fd, msg, O_CLOEXEC)|};
        }
        """,
        Diagnostic("SPG0007", 0, "recvmsg"));
}
