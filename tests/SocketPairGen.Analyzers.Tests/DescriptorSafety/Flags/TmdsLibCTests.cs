using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// The real Tmds.LibC 0.5.0: its constants are static properties whose bodies the compiler cannot see, so they are
/// read by name from the Linux values of that binding. Written the way Tmds.LinuxAsync and similar transports write
/// it: <c>using static Tmds.Linux.LibC;</c>, pointers from <c>stackalloc</c>, <c>LibC.</c> where a name would clash.
/// </summary>
public class TmdsLibCTests
{
    [Fact]
    public Task SocketWithTmdsNames_JudgedByValue() => Verify.VerifyAsync(
        """
        using Tmds.Linux;
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Unix() => {|#0:socket(AF_UNIX, SOCK_STREAM, 0)|};
            static int UnixCloseOnExec() => socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            static int Tcp() => {|#1:LibC.socket(AF_INET, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK, 0)|};
            static int TcpCloseOnExec() => LibC.socket(AF_INET, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        }
        """,
        Verify.Diagnostic("SPG0001", 0, "socket"),
        Verify.Diagnostic("SPG0001", 1, "socket"));

    [Fact]
    public Task EveryFlaggedCreatorWithTmdsNames_Reported() => Verify.VerifyAsync(
        """
        using Tmds.Linux;
        using static Tmds.Linux.LibC;

        static unsafe class Creators
        {
            static int Accept(int listener) => {|#0:accept4(listener, null, null, SOCK_NONBLOCK)|};
            static int AcceptCloseOnExec(int listener) => accept4(listener, null, null, SOCK_CLOEXEC | SOCK_NONBLOCK);

            static void Pipe(int* fds)
            {
                {|#1:pipe2(fds, O_NONBLOCK)|};
                pipe2(fds, O_NONBLOCK | O_CLOEXEC);
            }

            static int Open(byte* path) => {|#2:open(path, O_RDONLY | O_NOFOLLOW, 0)|} + open(path, O_RDONLY | O_CLOEXEC, 0);
            static int Event() => {|#3:eventfd(0, EFD_NONBLOCK)|} + eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
            static int Epoll() => epoll_create1(EPOLL_CLOEXEC);
            static int Memfd(byte* name) => {|#4:memfd_create(name, MFD_ALLOW_SEALING)|} + memfd_create(name, MFD_ALLOW_SEALING | MFD_CLOEXEC);
            static long Receive(int fd, msghdr* message) => {|#5:recvmsg(fd, message, MSG_DONTWAIT)|} + recvmsg(fd, message, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        }
        """,
        Verify.Diagnostic("SPG0002", 0, "accept4"),
        Verify.Diagnostic("SPG0003", 1, "pipe2"),
        Verify.Diagnostic("SPG0004", 2, "open"),
        Verify.Diagnostic("SPG0006", 3, "eventfd", "EFD_CLOEXEC"),
        Verify.Diagnostic("SPG0006", 4, "memfd_create", "MFD_CLOEXEC"),
        Verify.Diagnostic("SPG0007", 5));

    [Fact]
    public Task FlagsInLocalsAndConstantsOfTmdsNames_Folded() => Verify.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static class Sockets
        {
            static int Stream()
            {
                int type = SOCK_STREAM | SOCK_NONBLOCK;
                return {|#0:socket(AF_UNIX, type, 0)|};
            }

            static int StreamCloseOnExec()
            {
                int type = SOCK_STREAM | SOCK_CLOEXEC;
                return socket(AF_UNIX, type, 0);
            }
        }
        """,
        Verify.Diagnostic("SPG0001", 0, "socket"));

    [Fact]
    public Task TmdsNameUnknownToTheTable_NotJudged() => Verify.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static class Sockets
        {
            // errno is a property of the binding too, but no flag: its value is never read from a table.
            static int Odd() => socket(AF_UNIX, SOCK_STREAM | errno, 0);
        }
        """);
}
