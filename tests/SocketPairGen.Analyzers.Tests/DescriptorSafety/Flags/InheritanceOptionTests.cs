using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using AddFlag = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.AddCloseOnExecFlagCodeFixProvider>;
using Afterwards = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAfterwardsAnalyzer>;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// A condition that chooses whether the descriptor is inherited (<c>inherit ? SOCK_STREAM : SOCK_STREAM |
/// SOCK_CLOEXEC</c>) is a decision, judged like the <c>if (!inherit) type |= SOCK_CLOEXEC;</c> it stands for: not
/// reported, and no fix takes the option away. A condition that lacks the flag either way is still a mistake.
/// </summary>
public class InheritanceOptionTests
{
    [Fact]
    public Task ConditionChoosingInheritance_NotReported() => Verify.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static unsafe class Spawner
        {
            static int Socket(bool inherit) => socket(AF_UNIX, inherit ? SOCK_STREAM : SOCK_STREAM | SOCK_CLOEXEC, 0);

            static int InLocal(bool inheritable)
            {
                int type = inheritable ? SOCK_STREAM : SOCK_STREAM | SOCK_CLOEXEC;
                return socket(AF_UNIX, type, 0);
            }

            static int Pipe(int* fds, bool forChild) => pipe2(fds, O_NONBLOCK | (forChild ? 0 : O_CLOEXEC));

            static int Open(byte* path, bool keepAcrossExec) => open(path, O_RDONLY | (keepAcrossExec ? 0 : O_CLOEXEC), 0);
        }
        """);

    [Fact]
    public Task ConditionWithoutTheFlagEitherWay_Reported() => Verify.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static unsafe class Listener
        {
            static int Socket(bool nonBlocking) => {|#0:socket(AF_UNIX, SOCK_STREAM | (nonBlocking ? SOCK_NONBLOCK : 0), 0)|};

            static int InLocal(bool nonBlocking)
            {
                int flags = nonBlocking ? O_NONBLOCK : 0;
                return {|#1:open(null, O_RDONLY | flags, 0)|};
            }
        }
        """,
        Verify.Diagnostic("SPG0001", 0, "socket"),
        Verify.Diagnostic("SPG0004", 1, "open"));

    [Fact]
    public Task ConditionWithoutTheFlagEitherWay_FixKeepsTheCondition() => AddFlag.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Socket(bool nonBlocking) => {|SPG0001:socket(AF_UNIX, nonBlocking ? SOCK_STREAM | SOCK_NONBLOCK : SOCK_STREAM, 0)|};
        }
        """,
        """
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Socket(bool nonBlocking) => socket(AF_UNIX, (nonBlocking ? SOCK_STREAM | SOCK_NONBLOCK : SOCK_STREAM) | SOCK_CLOEXEC, 0);
        }
        """);

    [Fact]
    public Task InheritanceOptionThenFcntl_NotReportedSoNothingFolded() => Afterwards.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static class Spawner
        {
            // The flag is set later for the parent's own use: folding it into socket() would remove the option.
            static int Socket(bool inherit, bool lockDown)
            {
                int fd = socket(AF_UNIX, inherit ? SOCK_STREAM : SOCK_STREAM | SOCK_CLOEXEC, 0);
                fcntl(fd, F_SETFD, FD_CLOEXEC);
                return fd;
            }
        }
        """);
}
