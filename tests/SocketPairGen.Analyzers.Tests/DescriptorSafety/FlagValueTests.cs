using static SocketPairGen.Analyzers.Tests.DescriptorSafety.CloseOnExecAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>A flags argument is judged by its value when it can be known, and never when it cannot.</summary>
public class FlagValueTests
{
    [Fact]
    public Task FlagAsHexLiteral_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            int M() => Libc.socket(1, 1 | 0x80000, 0);
        }
        """);

    [Fact]
    public Task FlagAsOwnNamedConstant_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            private const int CloseOnExec = 524288;
            private const int Stream = 1;

            int M() => Libc.socket(1, Stream | CloseOnExec, 0);
        }
        """);

    [Fact]
    public Task FlagInConstantMadeOfOr_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            private const int Type = Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC;

            int M() => Libc.socket(1, Type, 0);
        }
        """);

    [Fact]
    public Task FlagInLocalAssignedOnce_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            int M()
            {
                int type = Linux.SOCK_STREAM | Linux.SOCK_CLOEXEC;
                return Libc.socket(1, type, 0);
            }
        }
        """);

    [Fact]
    public Task LocalAssignedOnceWithoutFlag_Reported() => VerifyAsync(
        """
        class C
        {
            int M()
            {
                int type = Linux.SOCK_STREAM;
                return {|#0:Libc.socket(1, type, 0)|};
            }
        }
        """,
        Diagnostic("SPG0001", 0, "socket"));

    [Fact]
    public Task LocalOfLocalsAndConversion_Folded() => VerifyAsync(
        """
        class C
        {
            int M()
            {
                long cloexec = Linux.SOCK_CLOEXEC;
                int type = (int)(Linux.SOCK_STREAM | cloexec);
                return Libc.socket(1, type, 0) + {|#0:Libc.socket(1, (int)(long)Linux.SOCK_STREAM, 0)|};
            }
        }
        """,
        Diagnostic("SPG0001", 0, "socket"));

    [Fact]
    public Task ValueFromParameter_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            int M(int type, int flags, int[] fds) => Libc.socket(1, type, 0) + Libc.pipe2(fds, flags);
        }
        """);

    [Fact]
    public Task ParameterOredWithConstant_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            int M(int extra) => Libc.socket(1, Linux.SOCK_STREAM | extra, 0);
        }
        """);

    [Fact]
    public Task ReassignedLocal_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            int M(bool inherit)
            {
                int type = Linux.SOCK_STREAM;
                if (!inherit)
                {
                    type |= Linux.SOCK_CLOEXEC;
                }

                int flags = 0;
                flags = Linux.O_CLOEXEC;
                return Libc.socket(1, type, 0) + Libc.open("/etc/passwd", flags, 0);
            }
        }
        """);

    [Fact]
    public Task ValueFromFieldOrCall_NoDiagnostic() => VerifyAsync(
        """
        class C
        {
            private static int type = Linux.SOCK_STREAM;

            static int Flags() => 0;

            int M(int[] fds) => Libc.socket(1, type, 0) + Libc.pipe2(fds, Flags());
        }
        """);

    [Fact]
    public Task NamedArguments_JudgedByParameter() => VerifyAsync(
        """
        class C
        {
            int M() => {|#0:Libc.socket(protocol: Linux.SOCK_CLOEXEC, type: Linux.SOCK_STREAM, domain: 1)|}
                + Libc.socket(type: Linux.SOCK_CLOEXEC, protocol: 0, domain: 1);
        }
        """,
        Diagnostic("SPG0001", 0, "socket"));

    [Fact]
    public Task EnumTypedFlags_JudgedByValue() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        [Flags]
        enum OpenFlags
        {
            ReadOnly = 0,
            CloseOnExec = 0x80000,
        }

        static class Native
        {
            [DllImport("libc")] private static extern int open(string path, OpenFlags flags, int mode);

            static int M(string path) => {|#0:open(path, OpenFlags.ReadOnly, 0)|} + open(path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec, 0);
        }
        """,
        Diagnostic("SPG0004", 0, "open"));
}
