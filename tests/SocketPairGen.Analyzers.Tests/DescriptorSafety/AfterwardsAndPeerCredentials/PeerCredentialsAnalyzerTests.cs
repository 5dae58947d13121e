using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.AfterwardsAndPeerCredentials.AfterwardsAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.PeerCredentialsAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.AfterwardsAndPeerCredentials;

public class PeerCredentialsAnalyzerTests
{
    private static DiagnosticResult PeerCredentials(int markupKey) =>
        new DiagnosticResult(Descriptors.PeerCredentialsOfASocketPair).WithLocation(markupKey);

    [Fact]
    public async Task GetRawSocketOptionOnFirstAndSecond_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    using var pair = SocketPair.Create();
                    Span<byte> credentials = stackalloc byte[12];
                    {|#0:pair.First.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials)|};
                    Socket second = pair.Second;
                    {|#1:second.GetRawSocketOption(1, 17, credentials)|};
                }
            }
            """, PeerCredentials(0), PeerCredentials(1));
    }

    [Fact]
    public async Task GetRawSocketOptionOnADeconstructedPair_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    var (parent, child) = SocketPair.Create();
                    byte[] credentials = new byte[12];
                    {|#0:child.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials)|};
                }
            }
            """, PeerCredentials(0));
    }

    /// <summary>The parent's end names the parent; the child's inherited end names its peer, the parent: right.</summary>
    [Fact]
    public async Task ChildProcessSocketReported_InheritedSocketNot()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(ChildProcess process)
                {
                    byte[] credentials = new byte[12];
                    {|#0:process.Socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials)|};
                    using Socket inherited = ChildProcess.OpenInheritedSocket();
                    inherited.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials);
                }
            }
            """, PeerCredentials(0));
    }

    [Fact]
    public async Task GetsockoptOnALibcSocketpair_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M()
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    byte* credentials = stackalloc byte[12];
                    int length = 12;
                    {|#0:getsockopt(fds[1], SOL_SOCKET, SO_PEERCRED, credentials, &length)|};
                }
            }
            """, PeerCredentials(0));
    }

    [Fact]
    public async Task GetsockoptOnTheHandleOfAPairEnd_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M()
                {
                    using var pair = SocketPair.Create();
                    int fd = (int)pair.First.Handle;
                    byte* credentials = stackalloc byte[12];
                    int length = 12;
                    {|#0:getsockopt(fd, SOL_SOCKET, SO_PEERCRED, credentials, &length)|};
                }
            }
            """, PeerCredentials(0));
    }

    [Fact]
    public async Task GetsockoptOnASocketFromSocket_NotReported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M()
                {
                    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                    byte* credentials = stackalloc byte[12];
                    int length = 12;
                    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, credentials, &length);
                }
            }
            """);
    }

    [Fact]
    public async Task SocketOfUnknownOrigin_NotReported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M(Socket socket, int fd)
                {
                    socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, new byte[12]);
                    byte* credentials = stackalloc byte[12];
                    int length = 12;
                    getsockopt(fd, SOL_SOCKET, SO_PEERCRED, credentials, &length);
                }
            }
            """);
    }

    [Fact]
    public async Task OtherOptionOrLevel_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(int option)
                {
                    using var pair = SocketPair.Create();
                    byte[] value = new byte[12];
                    pair.First.GetRawSocketOption(SOL_SOCKET, SO_TYPE, value);
                    pair.First.GetRawSocketOption(6, SO_PEERCRED, value);
                    pair.First.GetRawSocketOption(SOL_SOCKET, option, value);
                }
            }
            """);
    }

    [Fact]
    public async Task LocalReassignedFromAnUnknownSocket_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(Socket other, bool useOther)
                {
                    using var pair = SocketPair.Create();
                    Socket socket = pair.First;
                    if (useOther) socket = other;
                    socket.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, new byte[12]);
                }
            }
            """);
    }

    [Fact]
    public async Task SocketPairParameter_ReportedBecauseEveryPairComesFromSocketpair()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(SocketPair pair) => {|#0:pair.Second.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, new byte[12])|};
            }
            """, PeerCredentials(0));
    }

    [Fact]
    public async Task GetsockoptOnALibcSocketpairArrayPassedElsewhereFirst_NotReported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                static void Replace(int[] fds) { }

                void M()
                {
                    int[] fds = new int[2];
                    socketpair_array(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    Replace(fds);
                    byte* credentials = stackalloc byte[12];
                    int length = 12;
                    getsockopt(fds[0], SOL_SOCKET, SO_PEERCRED, credentials, &length);
                }
            }
            """);
    }

    /// <summary>
    /// SO_PEERCRED and its numbers are Linux's: code that only runs on another system (under its guard, or in a member
    /// marked for it) is not judged by them, as SPG0001-SPG0009 are not; the Linux branch still is.
    /// </summary>
    [Fact]
    public async Task OnlyRunsOnAnotherSystem_NotReported_TheLinuxBranchReported()
    {
        await Verify.VerifyAsync("""
            using System.Runtime.Versioning;

            static class PeerIdentity
            {
                public static void Read(SocketPair pair, byte[] credentials)
                {
                    if (OperatingSystem.IsLinux())
                    {
                        {|#0:pair.Second.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials)|};
                    }
                }

                public static void ReadOnMac(SocketPair pair, byte[] credentials)
                {
                    if (!OperatingSystem.IsMacOS())
                    {
                        return;
                    }

                    pair.Second.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials);
                }

                [SupportedOSPlatform("freebsd")]
                public static void ReadOnFreeBsd(SocketPair pair, byte[] credentials) =>
                    pair.Second.GetRawSocketOption(SOL_SOCKET, SO_PEERCRED, credentials);
            }
            """, PeerCredentials(0));
    }
}
