using SocketPairGen.CodeFixes.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.CloseOnExecCodeFixTest<SocketPairGen.CodeFixes.DescriptorSafety.AddCloseOnExecFlagCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>The flag or'ed into the flags argument: by name when a constant of that name and value is in scope.</summary>
public class AddCloseOnExecFlagCodeFixProviderTests
{
    [Fact]
    public Task Socketpair_NamedConstantInScope_UsedByName() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M(int[] sv) => {|SPG0001:Libc.socketpair(AF_UNIX, SOCK_STREAM, 0, sv)|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M(int[] sv) => Libc.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
        }
        """);

    [Fact]
    public Task Socket_ConstantOfTheTypeTheFlagsUse_UsedThroughThatType() => Verify.VerifyAsync(
        """
        class C
        {
            int M() => {|SPG0001:Libc.socket(1, Linux.SOCK_STREAM, 0)|};
        }
        """,
        """
        class C
        {
            int M() => Libc.socket(1, Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC, 0);
        }
        """);

    [Fact]
    public Task Socket_NoConstantInScopeOrUsed_CommentedLiteral() => Verify.VerifyAsync(
        """
        class C
        {
            int M() => {|SPG0001:Libc.socket(1, 1, 0)|};
        }
        """,
        """
        class C
        {
            int M() => Libc.socket(1, 1 | 0x80000 /* SOCK_CLOEXEC */, 0);
        }
        """);

    [Fact]
    public Task ConstantOfThatNameButAnotherValue_NotUsed() => Verify.VerifyAsync(
        """
        class C
        {
            private const int SOCK_CLOEXEC = 0x800;

            int M() => {|SPG0001:Libc.socket(1, 1, 0)|};
        }
        """,
        """
        class C
        {
            private const int SOCK_CLOEXEC = 0x800;

            int M() => Libc.socket(1, 1 | 0x80000 /* SOCK_CLOEXEC */, 0);
        }
        """);

    [Fact]
    public Task OwnConstFieldAndLocalConst_UsedByName_OneFixAllPassPerRule() => new Verify(
        """
        class C
        {
            private const int O_CLOEXEC = 0x80000;

            int M(int[] fds)
            {
                const int MSG_CMSG_CLOEXEC = 0x40000000;
                return {|SPG0003:Libc.pipe2(fds, 0)|} + (int){|SPG0007:Libc.recvmsg(3, IntPtr.Zero, Linux.MSG_DONTWAIT)|};
            }
        }
        """,
        """
        class C
        {
            private const int O_CLOEXEC = 0x80000;

            int M(int[] fds)
            {
                const int MSG_CMSG_CLOEXEC = 0x40000000;
                return Libc.pipe2(fds, O_CLOEXEC) + (int)Libc.recvmsg(3, IntPtr.Zero, Linux.MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
            }
        }
        """)
    {
        // Fix All groups by rule: SPG0003 and SPG0007 are two passes.
        NumberOfFixAllIterations = 2,
    }.RunAsync();

    [Fact]
    public Task OpenWithNamedZero_KeepsItAndAddsFlag() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M(string path) => {|SPG0004:Libc.open(path, O_RDONLY, 0)|} + {|SPG0004:Libc.openat(AT_FDCWD, path, O_WRONLY | O_CREAT, 420)|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M(string path) => Libc.open(path, O_RDONLY | O_CLOEXEC, 0) + Libc.openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_CLOEXEC, 420);
        }
        """);

    [Fact]
    public Task SpecialDescriptors_GetTheirOwnFlag() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(IntPtr mask)
            {
                {|SPG0006:Libc.eventfd(0, EFD_NONBLOCK)|};
                {|SPG0006:Libc.memfd_create("secret", MFD_ALLOW_SEALING)|};
                {|SPG0006:Libc.memfd_create("secret", 0)|};
                {|SPG0006:Libc.epoll_create1(0)|};
            }
        }
        """,
        """
        using static Linux;

        class C
        {
            void M(IntPtr mask)
            {
                Libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
                Libc.memfd_create("secret", MFD_ALLOW_SEALING | MFD_CLOEXEC);
                Libc.memfd_create("secret", MFD_CLOEXEC);
                Libc.epoll_create1(EPOLL_CLOEXEC);
            }
        }
        """);

    [Fact]
    public Task ConditionalArgument_Parenthesized() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M() => {|SPG0001:Libc.socket(AF_UNIX, true ? SOCK_STREAM : SOCK_SEQPACKET, 0)|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M() => Libc.socket(AF_UNIX, (true ? SOCK_STREAM : SOCK_SEQPACKET) | SOCK_CLOEXEC, 0);
        }
        """);

    [Fact]
    public Task NamedArgument_FlagAddedToIt() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            int M() => {|SPG0001:Libc.socket(type: SOCK_STREAM, domain: AF_UNIX, protocol: 0)|};
        }
        """,
        """
        using static Linux;

        class C
        {
            int M() => Libc.socket(type: SOCK_STREAM | SOCK_CLOEXEC, domain: AF_UNIX, protocol: 0);
        }
        """);

    [Fact]
    public Task FixAll_EveryCallOfTheRuleInTheDocument() => Verify.VerifyAsync(
        """
        using static Linux;

        class C
        {
            void M(int[] sv)
            {
                {|SPG0001:Libc.socketpair(AF_UNIX, SOCK_STREAM, 0, sv)|};
                {|SPG0001:Libc.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, sv)|};
                {|SPG0001:Libc.socket(AF_UNIX, SOCK_STREAM, 0)|};
            }
        }
        """,
        """
        using static Linux;

        class C
        {
            void M(int[] sv)
            {
                Libc.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
                Libc.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv);
                Libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            }
        }
        """);

    [Fact]
    public async Task FixAll_AcrossDocuments()
    {
        var test = new CloseOnExecCodeFixTest<AddCloseOnExecFlagCodeFixProvider>(
            """
            class A
            {
                int M(int[] fds) => {|SPG0003:Libc.pipe2(fds, 0)|};
            }
            """,
            """
            class A
            {
                int M(int[] fds) => Libc.pipe2(fds, 0x80000 /* O_CLOEXEC */);
            }
            """);
        test.TestState.Sources.Add(("B.cs", """
            using static Linux;

            class B
            {
                int M(int[] fds) => {|SPG0003:Libc.pipe2(fds, 0)|};
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using static Linux;

            class B
            {
                int M(int[] fds) => Libc.pipe2(fds, O_CLOEXEC);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public Task FunctionWithoutFlagParameter_NoFixHere() => Verify.VerifyAsync(
        """
        class C
        {
            int M(int[] fds) => {|SPG0003:Libc.pipe(fds)|};
        }
        """,
        """
        class C
        {
            int M(int[] fds) => {|SPG0003:Libc.pipe(fds)|};
        }
        """);

    [Fact]
    public Task EnumTypedFlagsWithoutMember_NoFixRatherThanCodeThatDoesNotCompile() => Verify.VerifyAsync(
        """
        using System.Runtime.InteropServices;

        enum OpenFlags
        {
            ReadOnly = 0,
        }

        static class Native
        {
            [DllImport("libc")] private static extern int open(string path, OpenFlags flags, int mode);

            static int M(string path) => {|SPG0004:open(path, OpenFlags.ReadOnly, 0)|};
        }
        """,
        """
        using System.Runtime.InteropServices;

        enum OpenFlags
        {
            ReadOnly = 0,
        }

        static class Native
        {
            [DllImport("libc")] private static extern int open(string path, OpenFlags flags, int mode);

            static int M(string path) => {|SPG0004:open(path, OpenFlags.ReadOnly, 0)|};
        }
        """);
}
