using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;
using VerifyFix = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.UseCloseOnExecVariantCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>
/// Mono.Posix (the real Mono.Posix.NETStandard 1.0.0 package): <c>Mono.Unix.Native.Syscall</c> is libc with enums
/// for flags. It binds open, pipe and fcntl through its own helper library, takes socket's flags apart from the
/// type, and has no dup3, pipe2 or mkostemp, so no fix may call them.
/// </summary>
public class MonoPosixTests
{
    private static readonly Setup Mono = new(References: CreatorsTests.MonoPosix);

    private static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int markup, params object[] arguments) =>
        new DiagnosticResult(descriptor).WithLocation(markup).WithArguments(arguments);

    [Fact]
    public Task OpenWithOpenFlags_JudgedByTheEnumsValue() => Verify.VerifyAsync("""
        using Mono.Unix.Native;

        class Files
        {
            int M(string path, int dir)
            {
                int a = {|#0:Syscall.open(path, OpenFlags.O_RDONLY)|};
                int b = Syscall.open(path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
                int c = {|#1:Syscall.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT, FilePermissions.DEFFILEMODE)|};
                int d = Syscall.openat(dir, path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
                int e = {|#2:Syscall.creat(path, FilePermissions.DEFFILEMODE)|};
                return a + b + c + d + e;
            }
        }
        """,
        Mono,
        Diagnostic(Descriptors.OpenWithoutCloseOnExec, 0, "open"),
        Diagnostic(Descriptors.OpenWithoutCloseOnExec, 1, "open"),
        Diagnostic(Descriptors.OpenWithoutCloseOnExec, 2, "creat"));

    [Fact]
    public Task SocketFlagsApartFromTheType_JudgedWhereTheyAre() => Verify.VerifyAsync("""
        using Mono.Unix.Native;

        class Sockets
        {
            int M(int listener)
            {
                int a = Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, UnixSocketFlags.SOCK_CLOEXEC, 0);
                int b = {|#0:Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, UnixSocketFlags.SOCK_NONBLOCK, 0)|};
                int c = {|#1:Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, 0)|};
                Syscall.socketpair(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, UnixSocketFlags.SOCK_CLOEXEC, 0, out int s1, out int s2);
                {|#2:Syscall.socketpair(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, 0, out int s3, out int s4)|};
                int d = Syscall.accept4(listener, null, UnixSocketFlags.SOCK_CLOEXEC | UnixSocketFlags.SOCK_NONBLOCK);
                int e = {|#3:Syscall.accept4(listener, null, UnixSocketFlags.SOCK_NONBLOCK)|};
                int f = {|#4:Syscall.accept(listener, null)|};
                return a + b + c + s1 + s2 + s3 + s4 + d + e + f;
            }
        }
        """,
        Mono,
        Diagnostic(Descriptors.SocketWithoutCloseOnExec, 0, "socket"),
        Diagnostic(Descriptors.SocketWithoutCloseOnExec, 1, "socket"),
        Diagnostic(Descriptors.SocketWithoutCloseOnExec, 2, "socketpair"),
        Diagnostic(Descriptors.AcceptWithoutCloseOnExec, 3, "accept4"),
        Diagnostic(Descriptors.AcceptWithoutCloseOnExec, 4, "accept"));

    [Fact]
    public Task PipeDupAndMkstemp_Reported_EpollFlagsEnumNotJudged() => Verify.VerifyAsync("""
        using System.Text;
        using Mono.Unix.Native;

        class Plumbing
        {
            private int _fd;

            int M(int fd)
            {
                {|#0:Syscall.pipe(out int reading, out int writing)|};
                int copy = {|#1:Syscall.dup(fd)|};
                {|#2:Syscall.dup2(copy, _fd)|};
                Syscall.dup2(copy, 1);
                int moved = {|#3:Syscall.fcntl(fd, FcntlCommand.F_DUPFD, 10)|};
                Syscall.fcntl(fd, FcntlCommand.F_SETFD, 1);
                int scratch = {|#4:Syscall.mkstemp(new StringBuilder("/tmp/plumbing-XXXXXX"))|};
                int poller = {|#5:Syscall.epoll_create(16)|};
                // EpollFlags are not Linux's bits (EPOLL_CLOEXEC = 2000000, decimal): not judged.
                int other = Syscall.epoll_create(EpollFlags.EPOLL_CLOEXEC);
                return reading + writing + moved + scratch + poller + other;
            }
        }
        """,
        Mono,
        Diagnostic(Descriptors.PipeWithoutCloseOnExec, 0, "pipe"),
        Diagnostic(Descriptors.DupWithoutCloseOnExec, 1, "dup"),
        Diagnostic(Descriptors.DupWithoutCloseOnExec, 2, "dup2"),
        Diagnostic(Descriptors.DupWithoutCloseOnExec, 3, "fcntl"),
        Diagnostic(Descriptors.OpenWithoutCloseOnExec, 4, "mkstemp"),
        Diagnostic(Descriptors.SpecialDescriptorWithoutCloseOnExec, 5, "epoll_create", "epoll_create1(EPOLL_CLOEXEC)"));

    [Fact]
    public Task ForkedChildWithStandardStreamsAndListenDescriptors_NotReported() => Verify.VerifyAsync("""
        using Mono.Unix.Native;

        class ForkExec
        {
            public int Start(string path, string[] argv, int stdinRead, int stdoutWrite, int[] listenFds)
            {
        #pragma warning disable CS0618 // Mono.Posix.Syscall is the old API, the only one with fork
                int pid = Mono.Posix.Syscall.fork();
        #pragma warning restore CS0618
                if (pid == 0)
                {
                    while (Syscall.dup2(stdinRead, 0) == -1 && Stdlib.GetLastError() == Errno.EINTR) { }
                    while (Syscall.dup2(stdoutWrite, 1) == -1 && Stdlib.GetLastError() == Errno.EINTR) { }
                    for (int i = 0, fd = 3; i < listenFds.Length; i++, fd++)
                    {
                        Syscall.dup2(listenFds[i], fd);
                    }

                    Syscall.execv(path, argv);
                    Syscall.exit(1);
                }

                return pid;
            }
        }
        """,
        Mono);

    [Fact]
    public Task NoVariantInTheBinding_NoFix() => VerifyFix.NoFixAsync("""
        using System.Text;
        using Mono.Unix.Native;

        class Plumbing
        {
            private int _fd;

            int M(int fd)
            {
                int devNull = Syscall.open("/dev/null", OpenFlags.O_RDWR | OpenFlags.O_CLOEXEC);
                {|#0:Syscall.dup2(devNull, _fd)|};
                int scratch = {|#1:Syscall.mkstemp(new StringBuilder("/tmp/plumbing-XXXXXX"))|};
                int moved = {|#2:Syscall.fcntl(fd, FcntlCommand.F_DUPFD, 10)|};
                {|#3:Syscall.pipe(out int reading, out int writing)|};
                return scratch + moved + reading + writing;
            }
        }
        """,
        Mono,
        Diagnostic(Descriptors.DupWithoutCloseOnExec, 0, "dup2"),
        Diagnostic(Descriptors.OpenWithoutCloseOnExec, 1, "mkstemp"),
        Diagnostic(Descriptors.DupWithoutCloseOnExec, 2, "fcntl"),
        Diagnostic(Descriptors.PipeWithoutCloseOnExec, 3, "pipe"));

    [Fact]
    public Task FlagSetAfterwards_FoldedWithTheEnumsMember_OrNotWhereNoneCanBeWritten()
    {
        DiagnosticResult notFolded = new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(2).WithLocation(3).WithArguments("socket");
        var test = new CreatorsCodeFixTest<CloseOnExecAfterwardsAnalyzer, SocketPairGen.CodeFixes.DescriptorSafety.FoldCloseOnExecCodeFixProvider>("""
            using Mono.Unix.Native;

            class Files
            {
                int Open(string path)
                {
                    int fd = {|#1:Syscall.open(path, OpenFlags.O_RDONLY)|};
                    {|#0:Syscall.fcntl(fd, FcntlCommand.F_SETFD, 1)|};
                    return fd;
                }

                int Listen()
                {
                    int fd = {|#3:Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, 0, 0)|};
                    {|#2:Syscall.fcntl(fd, FcntlCommand.F_SETFD, 1)|};
                    return fd;
                }

                int Connect()
                {
                    int fd = {|#5:Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, UnixSocketFlags.SOCK_NONBLOCK, 0)|};
                    {|#4:Syscall.fcntl(fd, FcntlCommand.F_SETFD, 1)|};
                    return fd;
                }
            }
            """, """
            using Mono.Unix.Native;

            class Files
            {
                int Open(string path)
                {
                    int fd = Syscall.open(path, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
                    return fd;
                }

                int Listen()
                {
                    int fd = {|#3:Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, 0, 0)|};
                    {|#2:Syscall.fcntl(fd, FcntlCommand.F_SETFD, 1)|};
                    return fd;
                }

                int Connect()
                {
                    int fd = Syscall.socket(UnixAddressFamily.AF_UNIX, UnixSocketType.SOCK_STREAM, UnixSocketFlags.SOCK_NONBLOCK | UnixSocketFlags.SOCK_CLOEXEC, 0);
                    return fd;
                }
            }
            """,
            Mono);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(0).WithLocation(1).WithArguments("open"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(4).WithLocation(5).WithArguments("socket"));
        test.ExpectedDiagnostics.Add(notFolded);
        test.FixedState.ExpectedDiagnostics.Add(notFolded);
        return test.RunAsync();
    }
}
