using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>
/// SPG0005 on the dup family: a copy meant to outlive exec (onto a standard stream, onto a number a child expects,
/// in a forked child before exec) or no copy at all is not reported; a copy onto a descriptor the code holds is.
/// </summary>
public class DuplicateTargetTests
{
    private static DiagnosticResult Copy(int markup, string function) =>
        new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    [Fact]
    public Task ForkedChild_StandardStreamsAndExec_NotReported() => Verify.VerifyAsync("""
        class Launcher
        {
            public int Start(string path, string[] argv, string[] envp, int stdinRead, int stdoutWrite)
            {
                int pid = fork();
                if (pid == 0)
                {
                    if (dup2(stdinRead, 0) < 0 || dup2(stdoutWrite, STDOUT_FILENO) < 0 || dup2(stdoutWrite, 2) < 0)
                    {
                        _exit(126);
                    }

                    execve(path, argv, envp);
                    _exit(127);
                }

                return pid;
            }
        }
        """);

    [Fact]
    public Task StandardStreamRedirectedInTheParent_NotReported() => Verify.VerifyAsync("""
        class Daemon
        {
            /// <summary>Points this process's stdout and stderr at the log: every child it starts writes there too.</summary>
            public static void RedirectOutput(string logPath)
            {
                int log = open(logPath, O_WRONLY | O_CREAT | O_CLOEXEC, 420);
                dup2(log, STDOUT_FILENO);
                dup3(log, STDERR_FILENO, 0);
                close(log);
            }
        }
        """);

    [Fact]
    public Task ListeningSocketMovedToTheNumberTheChildExpects_NotReported() => Verify.VerifyAsync("""
        class SocketActivation
        {
            private const int SD_LISTEN_FDS_START = 3;

            public static void HandOver(int listener)
            {
                if (dup2(listener, SD_LISTEN_FDS_START) < 0) throw new IOException("dup2");
                if (dup2(listener, 4) < 0) throw new IOException("dup2");
            }
        }
        """);

    [Fact]
    public Task TargetChosenByTheCaller_NotReported() => Verify.VerifyAsync("""
        static class Posix
        {
            public static int MoveTo(int fd, int target) => dup2(fd, target);

            public static void MapAll((int From, int To)[] map)
            {
                foreach ((int from, int to) in map)
                {
                    dup2(from, to);
                }

                for (int i = 0, target = 3; i < map.Length; i++, target++)
                {
                    dup2(map[i].From, target);
                }
            }
        }
        """);

    [Fact]
    public Task DescriptorOntoItself_NotReported() => Verify.VerifyAsync("""
        class Probe
        {
            private int _fd;

            // dup2 onto itself is no copy: it only checks that the descriptor is open.
            public bool IsOpen(int fd) => dup2(fd, fd) == fd && dup2(_fd, _fd) >= 0;
        }
        """);

    [Fact]
    public Task CopyOntoAHeldDescriptor_Reported() => Verify.VerifyAsync("""
        class Connection
        {
            private int _fd;

            /// <summary>Aborts blocked readers by putting /dev/null under the descriptor number they wait on.</summary>
            public void Abort()
            {
                int devNull = open("/dev/null", O_RDWR | O_CLOEXEC, 0);
                {|#0:dup2(devNull, _fd)|};
                close(devNull);
            }

            public unsafe void Reconnect(string path)
            {
                int* fds = stackalloc int[2];
                socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                int current = _fd;
                if ({|#1:dup3(fds[0], current, 0)|} < 0) throw new IOException("dup3");
                {|#2:dup2(fds[1], fds[0])|};
            }
        }
        """,
        Copy(0, "dup2"),
        Copy(1, "dup3"),
        Copy(2, "dup2"));

    [Fact]
    public Task Dup3WithTheFlag_NotReported() => Verify.VerifyAsync("""
        class Connection
        {
            private int _fd;

            public void Abort()
            {
                int devNull = open("/dev/null", O_RDWR | O_CLOEXEC, 0);
                dup3(devNull, _fd, O_CLOEXEC);
                close(devNull);
            }
        }
        """);

    [Fact]
    public Task ChildBranchOfFork_CopiesNotReported_ParentBranchReported() => Verify.VerifyAsync("""
        class Worker
        {
            public static int Start(int fd, Func<int, int> body)
            {
                int pid = fork();
                if (pid != 0)
                {
                    int kept = {|#0:dup(fd)|};
                    return pid + kept;
                }
                else
                {
                    int copy = dup(fd);
                    _exit(body(copy));
                    return 0;
                }
            }

            public static void Run(int fd, Action<int> body)
            {
                switch (fork())
                {
                    case 0:
                        body(fcntl(fd, F_DUPFD, 10));
                        _exit(0);
                        break;
                    case -1:
                        throw new IOException("fork");
                    default:
                        body({|#1:fcntl(fd, F_DUPFD, 10)|});
                        break;
                }
            }

            public static void Inline(int fd)
            {
                if (fork() is 0)
                {
                    dup(fd);
                }
            }
        }
        """,
        Copy(0, "dup"),
        Copy(1, "fcntl"));

    [Fact]
    public Task MethodThatForksAndExecs_CopyBeforeTheForkReported_AfterTheParentReturnedNot() => Verify.VerifyAsync("""
        class Spawner
        {
            public static int Spawn(int fd, string file, string[] argv)
            {
                int copy = {|#0:dup(fd)|};
                int pid = fork();
                if (pid != 0)
                {
                    close(copy);
                    return pid;
                }

                fcntl(copy, F_DUPFD, 10);
                execvp(file, argv);
                _exit(127);
                return -1;
            }
        }
        """,
        Copy(0, "dup"));

    [Fact]
    public Task ChildSetupMethodThatExecs_CopiesNotReported() => Verify.VerifyAsync("""
        class ChildSetup
        {
            private int _log;

            /// <summary>Runs in the child between fork and exec.</summary>
            public void ExecWithLog(string file, string[] argv, int errors)
            {
                int moved = fcntl(_log, F_DUPFD, 10);
                dup2(moved, _log);
                dup2(errors, _log);
                execvp(file, argv);
                _exit(127);
            }
        }
        """);

    [Fact]
    public Task FcntlCommands_OnlyDupfdReported() => Verify.VerifyAsync("""
        class C
        {
            int M(int fd, int command) =>
                {|#0:fcntl(fd, F_DUPFD, 0)|}
                + fcntl(fd, F_DUPFD_CLOEXEC, 0)
                + fcntl(fd, F_GETFD, 0)
                + fcntl(fd, F_SETFD, FD_CLOEXEC)
                + fcntl(fd, command, 0);
        }
        """,
        Copy(0, "fcntl"));

    [Fact]
    public Task TmdsLibC_StandardStreamProperties_NotReported_HeldTargetReported() => Verify.VerifyAsync("""
        using Tmds.Linux;

        class Redirect
        {
            private int _fd;

            public void ToLog(int log)
            {
                LibC.dup2(log, LibC.STDOUT_FILENO);
                LibC.dup2(log, LibC.STDERR_FILENO);
                int devNull = {|#1:LibC.dup(log)|};
                {|#0:LibC.dup2(devNull, _fd)|};
            }
        }
        """,
        new Setup(References: CreatorsTests.TmdsLibC),
        Copy(0, "dup2"),
        Copy(1, "dup"));

    [Fact]
    public Task TmdsLibC_ChildOfFork_NotReported() => Verify.VerifyAsync("""
        using Tmds.Linux;

        class Launcher
        {
            public static int Start(int fd)
            {
                pid_t pid = LibC.fork();
                if (pid == 0)
                {
                    LibC.dup(fd);
                    LibC._exit(0);
                }

                return pid;
            }
        }
        """,
        new Setup(References: CreatorsTests.TmdsLibC));
}
