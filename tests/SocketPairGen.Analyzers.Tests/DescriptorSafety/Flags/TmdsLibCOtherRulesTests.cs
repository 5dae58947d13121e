using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Afterwards = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAfterwardsAnalyzer>;
using PeerCredentials = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.PeerCredentialsAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>SPG0008 and SPG0021 read Tmds.LibC's F_SETFD, FD_CLOEXEC, SOL_SOCKET and SO_PEERCRED by name too.</summary>
public class TmdsLibCOtherRulesTests
{
    [Fact]
    public Task CloseOnExecSetAfterwardsWithTmdsNames_Reported() => Afterwards.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Create()
            {
                int fd = {|#1:socket(AF_UNIX, SOCK_STREAM, 0)|};
                {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                return fd;
            }

            // Another command, or a descriptor created with the flag: nothing to fold.
            static int Other()
            {
                int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                fcntl(fd, F_SETFD, FD_CLOEXEC);
                int other = socket(AF_UNIX, SOCK_STREAM, 0);
                fcntl(other, F_SETFL, O_NONBLOCK);
                return fd + other;
            }
        }
        """,
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(0).WithLocation(1).WithArguments("socket"));

    [Fact]
    public Task PeerCredentialsWithTmdsNames_Reported() => PeerCredentials.VerifyAsync(
        """
        using Tmds.Linux;
        using static Tmds.Linux.LibC;

        static unsafe class Pair
        {
            static int Credentials()
            {
                int* fds = stackalloc int[2];
                socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                ucred credentials;
                socklen_t length = (socklen_t)sizeof(ucred);
                return {|#0:getsockopt(fds[0], SOL_SOCKET, SO_PEERCRED, &credentials, &length)|};
            }
        }
        """,
        new DiagnosticResult(Descriptors.PeerCredentialsOfASocketPair).WithLocation(0));
}
