using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.PeerCredentialsAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// SPG0021 and the child's end: the kernel records the pair's creator, the parent, and the parent holds the other
/// end of the socket the child inherited, so SO_PEERCRED on <c>ChildProcess.OpenInheritedSocket()</c> names the
/// child's peer, rightly. The parent's end (<c>ChildProcess.Socket</c>) still names the parent itself.
/// </summary>
public class InheritedSocketCredentialsTests
{
    [Fact]
    public Task InheritedSocketInTheChild_NotReported() => Verify.VerifyAsync(
        """
        using System.Net.Sockets;
        using SocketPairGen;
        using Tmds.Linux;
        using static Tmds.Linux.LibC;

        static unsafe class Worker
        {
            static int ParentPid()
            {
                using Socket parent = ChildProcess.OpenInheritedSocket();
                Span<byte> credentials = stackalloc byte[12];
                parent.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials);
                return BitConverter.ToInt32(credentials);
            }

            static int Direct()
            {
                byte[] credentials = new byte[12];
                return ChildProcess.OpenInheritedSocket().GetRawSocketOption(1, 17, credentials);
            }

            static int ThroughTheDescriptor()
            {
                Socket parent = ChildProcess.OpenInheritedSocket();
                ucred credentials;
                socklen_t length = (socklen_t)sizeof(ucred);
                getsockopt((int)parent.Handle, SOL_SOCKET, SO_PEERCRED, &credentials, &length);
                return credentials.pid;
            }
        }
        """);

    [Fact]
    public Task ParentsEndOfTheChildsPair_StillReported() => Verify.VerifyAsync(
        """
        using SocketPairGen;
        using static Tmds.Linux.LibC;

        static class Supervisor
        {
            static void Check(ChildProcess worker)
            {
                byte[] credentials = new byte[12];
                {|#0:worker.Socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials)|};
            }
        }
        """,
        new DiagnosticResult(Descriptors.PeerCredentialsOfASocketPair).WithLocation(0));
}
