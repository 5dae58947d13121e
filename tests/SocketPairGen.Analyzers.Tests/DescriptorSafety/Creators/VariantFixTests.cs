using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.UseCloseOnExecVariantCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>The variant that takes the flag, only where it means what the old call meant.</summary>
public class VariantFixTests
{
    private static DiagnosticResult Open(int markup, string function) =>
        new DiagnosticResult(Descriptors.OpenWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    private static DiagnosticResult Copy(int markup, string function) =>
        new DiagnosticResult(Descriptors.DupWithoutCloseOnExec).WithLocation(markup).WithArguments(function);

    [Fact]
    public Task Dup2OfAFreshDescriptorOntoAHeldOne_BecomesDup3() => Verify.VerifyAsync("""
        class Connection
        {
            private int _fd;

            public void Abort()
            {
                int devNull = open("/dev/null", O_RDWR | O_CLOEXEC, 0);
                {|#0:dup2(devNull, _fd)|};
                close(devNull);
            }
        }
        """, """
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
        """, Copy(0, "dup2"));

    [Fact]
    public Task Dup2OfADescriptorThatMayBeTheSame_NoFix() => Verify.NoFixAsync("""
        class Connection
        {
            private int _fd;

            // If replacement is _fd, dup2 does nothing and succeeds; dup3 would fail with EINVAL.
            public void Replace(int replacement) => {|#0:dup2(replacement, _fd)|};

            public void Swap()
            {
                int other = _fd + 1;
                int current = _fd;
                {|#1:dup2(other, current)|};
            }
        }
        """, Copy(0, "dup2"), Copy(1, "dup2"));

    [Fact]
    public Task FcntlDupfd_BecomesDupfdCloexec_NamedAsTheCommandWas() => Verify.VerifyAsync("""
        class C
        {
            int Unqualified(int fd) => {|#0:fcntl(fd, F_DUPFD, 3)|};

            int Qualified(int fd) => {|#1:Native.fcntl(fd, Native.F_DUPFD, 3)|};

            int Literal(int fd) => {|#2:fcntl(fd, 0, 10)|};
        }
        """, """
        class C
        {
            int Unqualified(int fd) => fcntl(fd, F_DUPFD_CLOEXEC, 3);

            int Qualified(int fd) => Native.fcntl(fd, Native.F_DUPFD_CLOEXEC, 3);

            int Literal(int fd) => fcntl(fd, F_DUPFD_CLOEXEC, 10);
        }
        """, Copy(0, "fcntl"), Copy(1, "fcntl"), Copy(2, "fcntl"));

    [Fact]
    public Task Mkstemp_BecomesMkostempWithTheFlag() => Verify.VerifyAsync("""
        class Scratch
        {
            int Create(byte[] template) => {|#0:mkstemp(template)|};

            int CreateWithSuffix(byte[] template) => {|#1:mkstemps(template, 5)|};
        }
        """, """
        class Scratch
        {
            int Create(byte[] template) => mkostemp(template, O_CLOEXEC);

            int CreateWithSuffix(byte[] template) => mkostemps(template, 5, O_CLOEXEC);
        }
        """, Open(0, "mkstemp"), Open(1, "mkstemps"));

    [Fact]
    public Task MkstempWithoutMkostempDeclared_NoFix() => Verify.NoFixAsync("""
        static class Temp
        {
            [DllImport("libc", SetLastError = true)]
            private static extern int mkstemp(byte[] template);

            public static int Create(byte[] template) => {|#0:mkstemp(template)|};
        }
        """, Open(0, "mkstemp"));

    [Fact]
    public Task FcntlWithOverloads_TheOneTheArgumentsFitIsCalled() => Verify.VerifyAsync("""
        static unsafe class Posix
        {
            [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, void* arg);
            [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, int arg);
            [DllImport("libc", SetLastError = true)] private static extern int dup(int fd);

            public static int Copy(int fd) => {|#0:dup(fd)|};
        }
        """, """
        static unsafe class Posix
        {
            [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, void* arg);
            [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, int arg);
            [DllImport("libc", SetLastError = true)] private static extern int dup(int fd);

            public static int Copy(int fd) => fcntl(fd, F_DUPFD_CLOEXEC, 0);
        }
        """, Copy(0, "dup"));

    [Fact]
    public Task Dup3WithoutTheFlag_FlagAdded() => CreatorsCodeFixTest<CloseOnExecAnalyzer, AddCloseOnExecFlagCodeFixProvider>.VerifyAsync("""
        class Connection
        {
            private int _fd;

            public void Replace()
            {
                int fresh = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                {|#0:dup3(fresh, _fd, 0)|};
                close(fresh);
            }
        }
        """, """
        class Connection
        {
            private int _fd;

            public void Replace()
            {
                int fresh = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                dup3(fresh, _fd, O_CLOEXEC);
                close(fresh);
            }
        }
        """, Copy(0, "dup3"));
}
