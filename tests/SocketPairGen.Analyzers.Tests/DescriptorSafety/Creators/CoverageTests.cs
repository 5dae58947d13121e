using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>Creators the rules did not know: the 64-bit opens, dup3 without its flag, the mkstemp family, fcntl(F_DUPFD).</summary>
public class CoverageTests
{
    private static DiagnosticResult Open(int markup, string function) =>
        new DiagnosticResult(Descriptors.OpenWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    private static DiagnosticResult Copy(int markup, string function) =>
        new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    [Fact]
    public Task Open64AndOpenat64_JudgedLikeOpen() => Verify.VerifyAsync("""
        class LargeFiles
        {
            int M(string path, int dir) =>
                {|#0:open64(path, O_RDONLY, 0)|}
                + open64(path, O_RDONLY | O_CLOEXEC, 0)
                + {|#1:openat64(dir, path, O_WRONLY | O_CREAT, 384)|}
                + openat64(AT_FDCWD, path, O_WRONLY | O_CREAT | O_CLOEXEC, 384);
        }
        """,
        Open(0, "open64"),
        Open(1, "openat64"));

    [Fact]
    public Task Dup3WithoutTheFlag_Reported() => Verify.VerifyAsync("""
        class Connection
        {
            private int _fd;

            public void Replace()
            {
                int fresh = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                {|#0:dup3(fresh, _fd, 0)|};
                dup3(fresh, _fd, O_CLOEXEC);
                close(fresh);
            }
        }
        """,
        Copy(0, "dup3"));

    [Fact]
    public Task MkstempFamily_ReportedWithoutTheFlag() => Verify.VerifyAsync("""
        using System.Text;

        class Scratch
        {
            int M()
            {
                byte[] template = Encoding.ASCII.GetBytes("/tmp/scratch-XXXXXX\0");
                byte[] suffixed = Encoding.ASCII.GetBytes("/tmp/scratch-XXXXXX.json\0");
                return {|#0:mkstemp(template)|}
                    + mkostemp(template, O_CLOEXEC)
                    + {|#1:mkostemp(template, 0)|}
                    + {|#2:mkstemps(suffixed, 5)|}
                    + mkostemps(suffixed, 5, O_CLOEXEC);
            }
        }
        """,
        Open(0, "mkstemp"),
        Open(1, "mkostemp"),
        Open(2, "mkstemps"));

    [Fact]
    public Task FcntlDupfd_Reported() => Verify.VerifyAsync("""
        class C
        {
            int M(int fd) => {|#0:fcntl(fd, F_DUPFD, 3)|} + fcntl(fd, F_DUPFD_CLOEXEC, 3);
        }
        """,
        Copy(0, "fcntl"));

    /// <summary>
    /// <c>fcntl(fd, F_DUPFD, n)</c> and <c>fcntl(fd, F_DUPFD_CLOEXEC, n)</c> return a new descriptor: the leak rules follow
    /// it as they follow <c>dup</c>'s (any other command returns no descriptor). SPG0012 needs no creator: it judges
    /// any local closed twice.
    /// </summary>
    [Fact]
    public Task FcntlDuplicates_NeverClosed_SPG0010() => CreatorsAnalyzerTest<DescriptorLeakAnalyzer>.VerifyAsync("""
        unsafe class Listeners
        {
            int Above(int fd, int floor)
            {
                int moved = {|#0:fcntl(fd, F_DUPFD_CLOEXEC, floor)|};
                if (moved < 0) return -1;
                byte b = 0;
                write(moved, &b, (IntPtr)1);
                return 0;
            }

            int Legacy(int fd)
            {
                int copy = {|#1:fcntl(fd, F_DUPFD, 10)|};
                if (copy == -1) return -1;
                if (fd > 100) {|#2:return 1;|}
                close(copy);
                return 0;
            }

            // Not a duplicate: the flags of fd, no descriptor to close.
            int Flags(int fd) { int flags = fcntl(fd, F_GETFD, 0); return flags; }

            // Closed, or handed back to the caller.
            int Closed(int fd) { int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3); close(copy); return 0; }
            int Returned(int fd) => fcntl(fd, F_DUPFD_CLOEXEC, 3);
        }
        """,
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments("fcntl", "never closed nor handed to an owner in this method"),
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(1).WithLocation(2)
            .WithArguments("fcntl", "not closed nor handed to an owner on every path out of this method"));

    [Fact]
    public Task FcntlDuplicateWithTmdsNames_NeverClosed_SPG0010() => CreatorsAnalyzerTest<DescriptorLeakAnalyzer>.VerifyAsync("""
        using L = Tmds.Linux.LibC;

        class Listeners
        {
            int Above(int fd)
            {
                int moved = {|#0:L.fcntl(fd, L.F_DUPFD_CLOEXEC, 3)|};
                return moved < 0 ? -1 : 0;
            }

            int Flags(int fd) { int flags = L.fcntl(fd, L.F_GETFL, 0); return flags; }
        }
        """,
        new Setup(References: CreatorsTests.TmdsLibC),
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments("fcntl", "never closed nor handed to an owner in this method"));

    [Fact]
    public Task FcntlDuplicateMappedIntoAChild_NotClosedAfterTheSpawn_SPG0020() => CreatorsAnalyzerTest<SpawnedDescriptorNotClosedAnalyzer>.VerifyAsync("""
        class Launcher
        {
            int Start(int listener, IntPtr actions, string[] argv, string[] envp)
            {
                int inherited = fcntl(listener, F_DUPFD_CLOEXEC, 10);
                if (inherited < 0) return -1;
                {|#0:posix_spawn_file_actions_adddup2(actions, inherited, 3)|};
                return {|#1:posix_spawn(out int pid, "/usr/bin/worker", actions, IntPtr.Zero, argv, envp)|} == 0 ? pid : -1;
            }
        }
        """,
        new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(0).WithLocation(1).WithArguments("inherited", "posix_spawn"));

    /// <summary>SPG0008 stays as it was: a copy fcntl makes is SPG0005's, whose fix is F_DUPFD_CLOEXEC, not a fold.</summary>
    [Fact]
    public Task FcntlDuplicateGivenTheFlagAfterwards_NotSPG0008() => CreatorsAnalyzerTest<CloseOnExecAfterwardsAnalyzer>.VerifyAsync("""
        class C
        {
            int M(int fd)
            {
                int copy = fcntl(fd, F_DUPFD, 10);
                fcntl(copy, F_SETFD, FD_CLOEXEC);
                return copy;
            }
        }
        """);
}
