using SocketPairGen.CodeFixes.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.CloseOnExecCodeFixTest<SocketPairGen.CodeFixes.DescriptorSafety.UseCloseOnExecVariantCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>A function that cannot take the flag replaced by the variant that can, when its type declares one.</summary>
public class UseCloseOnExecVariantCodeFixProviderTests
{
    [Fact]
    public Task Accept_BecomesAccept4WithNamedFlag() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M(int fd) => {|SPG0002:Libc.accept(fd, IntPtr.Zero, IntPtr.Zero)|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M(int fd) => Libc.accept4(fd, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC);
        }
        """);

    [Fact]
    public Task Pipe_BecomesPipe2WithLiteral() => Verify.VerifyAsync(
        """
        class C
        {
            int M(int[] fds) => {|SPG0003:Libc.pipe(fds)|};
        }
        """,
        """
        class C
        {
            int M(int[] fds) => Libc.pipe2(fds, 0x80000 /* O_CLOEXEC */);
        }
        """);

    [Fact]
    public Task Creat_BecomesOpenWithCreateWriteTruncateCloexec() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M(string path) => {|SPG0004:Libc.creat(path, 420)|} + {|SPG0004:Libc.creat("/tmp/x", 384)|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M(string path) => Libc.open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 420) + Libc.open("/tmp/x", O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 384);
        }
        """);

    [Fact]
    public Task Creat_NoConstantsInScope_OneCommentedLiteral() => Verify.VerifyAsync(
        """
        class C
        {
            int M(string path) => {|SPG0004:Libc.creat(path, 420)|};
        }
        """,
        """
        class C
        {
            int M(string path) => Libc.open(path, 0x80241 /* O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC */, 420);
        }
        """);

    [Fact]
    public Task DupAndDup2_FixAllGivesFcntlAndDup3() => Verify.VerifyAsync(
        """
        class C
        {
            int _fd;

            void M(string path)
            {
                int fd = Libc.open(path, 0x80000, 0);
                {|SPG0005:Libc.dup(fd)|};
                {|SPG0005:Libc.dup2(fd, _fd)|};
            }
        }
        """,
        """
        class C
        {
            int _fd;

            void M(string path)
            {
                int fd = Libc.open(path, 0x80000, 0);
                Libc.fcntl(fd, 1030 /* F_DUPFD_CLOEXEC */, 0);
                Libc.dup3(fd, _fd, 0x80000 /* O_CLOEXEC */);
            }
        }
        """);

    [Fact]
    public Task EpollCreateAndInotifyInit_BecomeTheir1Variants() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M() => {|SPG0006:Libc.epoll_create(1)|} + {|SPG0006:Libc.inotify_init()|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M() => Libc.epoll_create1(EPOLL_CLOEXEC) + Libc.inotify_init1(IN_CLOEXEC);
        }
        """);

    [Fact]
    public Task EpollCreateSizeWithSideEffect_NoFix() => Verify.VerifyAsync(
        """
        class C
        {
            static int Size() => 1;

            int M() => {|SPG0006:Libc.epoll_create(Size())|};
        }
        """,
        """
        class C
        {
            static int Size() => 1;

            int M() => {|SPG0006:Libc.epoll_create(Size())|};
        }
        """);

    [Fact]
    public Task VariantNotDeclaredInTheSameType_NoFix() => Verify.VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc")] private static extern int pipe(int[] fds);

            static int M(int[] fds) => {|SPG0003:pipe(fds)|};
        }
        """,
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc")] private static extern int pipe(int[] fds);

            static int M(int[] fds) => {|SPG0003:pipe(fds)|};
        }
        """);

    [Fact]
    public Task VariantOfAnotherShape_NoFix() => Verify.VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc")] private static extern int dup2(int oldfd, int newfd);
            [DllImport("libc")] private static extern int dup3(int oldfd, int newfd);

            static int _target;

            static int M(int fd) => {|SPG0005:dup2(fd, _target)|};
        }
        """,
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc")] private static extern int dup2(int oldfd, int newfd);
            [DllImport("libc")] private static extern int dup3(int oldfd, int newfd);

            static int _target;

            static int M(int fd) => {|SPG0005:dup2(fd, _target)|};
        }
        """);

    [Fact]
    public Task VariantDeclaredUnderAnotherName_CalledByItsName() => Verify.VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", EntryPoint = "pipe")] private static extern int CreatePipe(int[] fds);
            [DllImport("libc", EntryPoint = "pipe2")] private static extern int CreatePipe2(int[] fds, int flags);

            static int M(int[] fds) => {|SPG0003:CreatePipe(fds)|};
        }
        """,
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc", EntryPoint = "pipe")] private static extern int CreatePipe(int[] fds);
            [DllImport("libc", EntryPoint = "pipe2")] private static extern int CreatePipe2(int[] fds, int flags);

            static int M(int[] fds) => CreatePipe2(fds, 0x80000 /* O_CLOEXEC */);
        }
        """);
}
