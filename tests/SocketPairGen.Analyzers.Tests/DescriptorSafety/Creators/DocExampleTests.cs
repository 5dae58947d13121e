using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>The examples of analyzers/docs/SPG0005.md and SPG0008.md, as written there: what is flagged, and what the fixes write.</summary>
public class DocExampleTests
{
    /// <summary>SPG0005.md, "Violation", with the partial methods' implementations the LibraryImport generator would emit.</summary>
    private const string Spg0005Violation = """
        using System.Runtime.InteropServices;

        sealed partial class Connection
        {
            private const int O_RDWR = 2, O_CLOEXEC = 0x80000, F_DUPFD = 0, F_DUPFD_CLOEXEC = 1030;
            private int _fd;

            [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
            private static partial int open(string path, int flags, int mode);
            [LibraryImport("libc", SetLastError = true)] private static partial int dup(int fd);
            [LibraryImport("libc", SetLastError = true)] private static partial int dup2(int oldfd, int newfd);
            [LibraryImport("libc", SetLastError = true)] private static partial int dup3(int oldfd, int newfd, int flags);
            [LibraryImport("libc", SetLastError = true)] private static partial int fcntl(int fd, int cmd, int arg);
            [LibraryImport("libc", SetLastError = true)] private static partial int close(int fd);

            public int Copy() => {|#0:dup(_fd)|};                                       // SPG0005
            public int CopyAbove(int lowest) => {|#1:fcntl(_fd, F_DUPFD, lowest)|};     // SPG0005

            /// <summary>Wakes blocked readers: /dev/null takes the number.</summary>
            public void Abort()
            {
                int devNull = open("/dev/null", O_RDWR | O_CLOEXEC, 0);
                {|#2:dup2(devNull, _fd)|};                                              // SPG0005: _fd loses close-on-exec
                close(devNull);
            }

            public static void RedirectStdout(int log) => dup2(log, 1);          // not flagged: a standard stream
        }
        """;

    /// <summary>SPG0005.md, "After the fixes", in the whole class.</summary>
    private const string Spg0005Fixed = """
        using System.Runtime.InteropServices;

        sealed partial class Connection
        {
            private const int O_RDWR = 2, O_CLOEXEC = 0x80000, F_DUPFD = 0, F_DUPFD_CLOEXEC = 1030;
            private int _fd;

            [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
            private static partial int open(string path, int flags, int mode);
            [LibraryImport("libc", SetLastError = true)] private static partial int dup(int fd);
            [LibraryImport("libc", SetLastError = true)] private static partial int dup2(int oldfd, int newfd);
            [LibraryImport("libc", SetLastError = true)] private static partial int dup3(int oldfd, int newfd, int flags);
            [LibraryImport("libc", SetLastError = true)] private static partial int fcntl(int fd, int cmd, int arg);
            [LibraryImport("libc", SetLastError = true)] private static partial int close(int fd);

            public int Copy() => fcntl(_fd, F_DUPFD_CLOEXEC, 0);                                       // SPG0005
            public int CopyAbove(int lowest) => fcntl(_fd, F_DUPFD_CLOEXEC, lowest);     // SPG0005

            /// <summary>Wakes blocked readers: /dev/null takes the number.</summary>
            public void Abort()
            {
                int devNull = open("/dev/null", O_RDWR | O_CLOEXEC, 0);
                dup3(devNull, _fd, O_CLOEXEC);                                              // SPG0005: _fd loses close-on-exec
                close(devNull);
            }

            public static void RedirectStdout(int log) => dup2(log, 1);          // not flagged: a standard stream
        }
        """;

    private const string Spg0005Implementations = """
        sealed partial class Connection
        {
            private static partial int open(string path, int flags, int mode) => 0;
            private static partial int dup(int fd) => 0;
            private static partial int dup2(int oldfd, int newfd) => 0;
            private static partial int dup3(int oldfd, int newfd, int flags) => 0;
            private static partial int fcntl(int fd, int cmd, int arg) => 0;
            private static partial int close(int fd) => 0;
        }
        """;

    [Fact]
    public Task Spg0005_FlaggedAndFixedAsThePageSays()
    {
        var test = new CreatorsCodeFixTest<CloseOnExecAnalyzer, UseCloseOnExecVariantCodeFixProvider>(Spg0005Violation, Spg0005Fixed);
        test.TestState.Sources.Add(("/0/Implementations.cs", Spg0005Implementations));
        test.FixedState.Sources.Add(("/0/Implementations.cs", Spg0005Implementations));
        test.ExpectedDiagnostics.AddRange(
        [
            new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(0).WithArguments("dup"),
            new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(1).WithArguments("fcntl"),
            new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(2).WithArguments("dup2"),
        ]);
        return test.RunAsync();
    }

    /// <summary>SPG0008.md, "Not folded": both reported, neither folded.</summary>
    [Fact]
    public Task Spg0008_NotFoldedAsThePageSays() => CreatorsCodeFixTest<CloseOnExecAfterwardsAnalyzer, FoldCloseOnExecCodeFixProvider>.NoFixAsync("""
        unsafe class C
        {
            int Open(string path, bool inheritable)
            {
                int fd = {|#1:open(path, O_RDONLY, 0)|};
                if (inheritable) return fd;                                          // the flag is skipped on this path
                {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};                                      // SPG0008, no fix
                return fd;
            }

            void Pair(int* fds)
            {
                {|#3:socketpair(AF_UNIX, SOCK_STREAM, 0, fds)|};
                if ({|#2:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|} < 0) throw new IOException(); // SPG0008, no fix: fds[1] is the child's
            }
        }
        """,
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(0).WithLocation(1).WithArguments("open"),
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(2).WithLocation(3).WithArguments("socketpair"));
}
