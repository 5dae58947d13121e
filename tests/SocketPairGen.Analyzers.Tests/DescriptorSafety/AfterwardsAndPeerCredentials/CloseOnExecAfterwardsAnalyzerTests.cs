using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.AfterwardsAndPeerCredentials.AfterwardsAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAfterwardsAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.AfterwardsAndPeerCredentials;

public class CloseOnExecAfterwardsAnalyzerTests
{
    /// <summary>SPG0008 on the fcntl (markup 0), its creating call as additional location (markup 1).</summary>
    private static DiagnosticResult Afterwards(string function) =>
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(0).WithLocation(1).WithArguments(function);

    [Fact]
    public async Task OpenThenFcntl_ReportedOnTheFcntlNamingOpen()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = {|#1:open(path, O_RDONLY)|};
                    {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, Afterwards("open"));
    }

    [Fact]
    public async Task SocketAssignedToAFieldThenFcntl_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int _fd;

                void M()
                {
                    _fd = {|#1:socket(AF_INET, SOCK_STREAM, 0)|};
                    if ({|#0:fcntl(this._fd, F_SETFD, FD_CLOEXEC)|} < 0) throw new IOException();
                }
            }
            """, Afterwards("socket"));
    }

    [Fact]
    public async Task SocketpairIntoAPointerThenFcntlOnBothEnds_ReportedTwice()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M()
                {
                    int* fds = stackalloc int[2];
                    {|#1:socketpair(AF_UNIX, SOCK_STREAM, 0, fds)|};
                    {|#0:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|};
                    {|#2:fcntl(fds[1], F_SETFD, FD_CLOEXEC)|};
                }
            }
            """,
            Afterwards("socketpair"),
            new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(2).WithLocation(1).WithArguments("socketpair"));
    }

    [Fact]
    public async Task PipeIntoAnArrayThenFcntl_ReportedNamingPipe()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    int[] fds = new int[2];
                    {|#1:pipe(fds)|};
                    {|#0:fcntl(fds[1], F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, Afterwards("pipe"));
    }

    [Fact]
    public async Task FlagsFoldedFromALocalAndAnOr_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    const int setFd = F_SETFD;
                    int flags = FD_CLOEXEC | 4;
                    int fd = (int){|#1:eventfd(0, 0)|};
                    {|#0:fcntl(fd, setFd, flags)|};
                }
            }
            """, Afterwards("eventfd"));
    }

    [Fact]
    public async Task MemfdWithoutItsOwnFlag_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    int fd = {|#1:memfd_create("buffer", 0x80000)|};
                    {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, Afterwards("memfd_create"));
    }

    [Fact]
    public async Task DupWithoutFlagsParameter_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(int other)
                {
                    int fd = {|#1:dup(other)|};
                    {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, Afterwards("dup"));
    }

    [Fact]
    public async Task DescriptorFromAParameter_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(int fd) => fcntl(fd, F_SETFD, FD_CLOEXEC);
            }
            """);
    }

    [Fact]
    public async Task DescriptorFromAnUnknownCall_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                static int Make() => 3;

                void M()
                {
                    int fd = Make();
                    fcntl(fd, F_SETFD, FD_CLOEXEC);
                }
            }
            """);
    }

    [Fact]
    public async Task DescriptorAssignedTwice_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, int other)
                {
                    int fd = open(path, O_RDONLY);
                    if (fd < 0) fd = other;
                    fcntl(fd, F_SETFD, FD_CLOEXEC);
                }
            }
            """);
    }

    [Fact]
    public async Task ArrayHandedToAnotherCall_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                static void Fill(int[] fds) { }

                void M()
                {
                    int[] fds = new int[2];
                    pipe(fds);
                    Fill(fds);
                    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
                }
            }
            """);
    }

    [Fact]
    public async Task OtherCommands_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    fcntl(fd, F_GETFD, 0);
                    fcntl(fd, F_SETFL, O_NONBLOCK);
                    fcntl(fd, F_SETFD, 0);
                }
            }
            """);
    }

    [Fact]
    public async Task UnknownCommandOrFlags_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, int command, int flags)
                {
                    int fd = open(path, O_RDONLY);
                    fcntl(fd, command, FD_CLOEXEC);
                    fcntl(fd, F_SETFD, flags);
                }
            }
            """);
    }

    [Fact]
    public async Task CreatorAlreadyHasTheFlagOrUnknownFlags_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, int flags)
                {
                    int atomic = open(path, O_RDONLY | O_CLOEXEC);
                    fcntl(atomic, F_SETFD, FD_CLOEXEC);
                    int unknown = open(path, flags);
                    fcntl(unknown, F_SETFD, FD_CLOEXEC);
                    int memfd = memfd_create("buffer", 1);
                    fcntl(memfd, F_SETFD, FD_CLOEXEC);
                }
            }
            """);
    }

    [Fact]
    public async Task FcntlBeforeTheCreation_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int _fd;

                void M(string path)
                {
                    fcntl(_fd, F_SETFD, FD_CLOEXEC);
                    _fd = open(path, O_RDONLY);
                }
            }
            """);
    }

    [Fact]
    public async Task FcntlNotFromLibc_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                static int fcntl(int fd, int cmd, int arg) => 0;

                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    fcntl(fd, F_SETFD, FD_CLOEXEC);
                }
            }
            """);
    }

    [Fact]
    public async Task NamedArgumentsInAnyOrder_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = {|#1:open(flags: O_RDONLY, path: path)|};
                    {|#0:fcntl(arg: FD_CLOEXEC, cmd: F_SETFD, fd: fd)|};
                }
            }
            """, Afterwards("open"));
    }

    [Fact]
    public async Task TmdsLinuxLibC_Reported()
    {
        await Verify.VerifyAsync("""
            namespace Tmds.Linux
            {
                public static class LibC
                {
                    public static int socket(int domain, int type, int protocol) => 0;
                    public static int fcntl(int fd, int cmd, int arg) => 0;
                }
            }

            class C
            {
                void M()
                {
                    int fd = {|#1:Tmds.Linux.LibC.socket(2, 1, 0)|};
                    {|#0:Tmds.Linux.LibC.fcntl(fd, 2, 1)|};
                }
            }
            """, Afterwards("socket"));
    }
}
