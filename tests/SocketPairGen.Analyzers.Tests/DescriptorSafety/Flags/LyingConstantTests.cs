using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using CloseOnExec = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecConstantAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// SPG0009: a constant named for a close-on-exec flag that does not hold that flag's Linux value. The two classic
/// ones: EFD_CLOEXEC = 1 (that is EFD_SEMAPHORE) and O_CLOEXEC = 02000000 copied from a C header (C# has no octal
/// literals: that is decimal 2000000, which also sets O_EXCL, O_APPEND, O_NOFOLLOW, O_NOATIME and O_SYNC).
/// </summary>
public class LyingConstantTests
{
    private static DiagnosticResult Lie(int markup, string constant, string actual, string flag, string linux) =>
        new DiagnosticResult(Descriptors.CloseOnExecConstantWrongValue).WithLocation(markup).WithArguments(constant, actual, flag, linux);

    [Fact]
    public Task ConstFieldsWithTheWrongValue_Reported() => Verify.VerifyAsync(
        """
        static class Native
        {
            public const int EFD_SEMAPHORE = 1;
            public const int EFD_CLOEXEC = {|#0:1|};
            public const int O_CLOEXEC = {|#1:02000000|};
            public const int FD_CLOEXEC = {|#2:0x80000|};
            public const int MSG_CMSG_CLOEXEC = {|#3:0x80000|};
            public const int LINUX_SOCK_CLOEXEC = {|#4:0x800|};
        }
        """,
        Lie(0, "EFD_CLOEXEC", "0x1", "EFD_CLOEXEC", "0x80000"),
        Lie(1, "O_CLOEXEC", "0x1E8480", "O_CLOEXEC", "0x80000"),
        Lie(2, "FD_CLOEXEC", "0x80000", "FD_CLOEXEC", "0x1"),
        Lie(3, "MSG_CMSG_CLOEXEC", "0x80000", "MSG_CMSG_CLOEXEC", "0x40000000"),
        Lie(4, "LINUX_SOCK_CLOEXEC", "0x800", "SOCK_CLOEXEC", "0x80000"));

    [Fact]
    public Task RightValuesInEverySpelling_NotReported() => Verify.VerifyAsync(
        """
        static class Native
        {
            public const int O_CLOEXEC = 0x80000;
            public const int SOCK_CLOEXEC = 524288;
            public const int EPOLL_CLOEXEC = 1 << 19;
            public const int IN_CLOEXEC = O_CLOEXEC;
            public const uint MFD_CLOEXEC = 1U;
            public const long FD_CLOEXEC = 1L;
            public const int MSG_CMSG_CLOEXEC = 0x40000000;
            public const int F_DUPFD_CLOEXEC = 1030;
            public const string TFD_CLOEXEC = "TFD_CLOEXEC";
            public const int PIPE_CLOEXEC = 7; // no flag of that name: not judged
        }
        """);

    [Fact]
    public Task AnotherPlatformsValue_NotReported() => Verify.VerifyAsync(
        """
        static class Darwin
        {
            public const int O_CLOEXEC = 0x1000000;
            public const int F_DUPFD_CLOEXEC = 67;
        }

        static class FreeBsd
        {
            public const int O_CLOEXEC = 0x00100000;
            public const int SOCK_CLOEXEC = 0x10000000;
            public const int MSG_CMSG_CLOEXEC = 0x00040000;
        }

        static class Portable
        {
            private const int MAC_O_CLOEXEC = 0x1000000;
            private const int LINUX_O_CLOEXEC = 0x80000;
        }
        """);

    [Fact]
    public Task PropertiesEnumMembersReadonlyFieldsAndLocals_Reported() => Verify.VerifyAsync(
        """
        static class Interop
        {
            internal static int FD_CLOEXEC => {|#0:0x80000|};
            internal static int EFD_CLOEXEC { get { return {|#1:1|}; } }
            internal static readonly int SOCK_CLOEXEC = {|#2:02000000|};

            [Flags]
            internal enum OpenFlags
            {
                O_RDONLY = 0,
                O_CLOEXEC = {|#3:0x2000000|},
            }

            static int M()
            {
                const int TFD_CLOEXEC = {|#4:0x8000|};
                return TFD_CLOEXEC;
            }
        }
        """,
        Lie(0, "FD_CLOEXEC", "0x80000", "FD_CLOEXEC", "0x1"),
        Lie(1, "EFD_CLOEXEC", "0x1", "EFD_CLOEXEC", "0x80000"),
        Lie(2, "SOCK_CLOEXEC", "0x1E8480", "SOCK_CLOEXEC", "0x80000"),
        Lie(3, "O_CLOEXEC", "0x2000000", "O_CLOEXEC", "0x80000"),
        Lie(4, "TFD_CLOEXEC", "0x8000", "TFD_CLOEXEC", "0x80000"));

    [Fact]
    public Task AliasOfALyingConstant_OnlyTheLieReported() => Verify.VerifyAsync(
        """
        static class Native
        {
            public const int O_CLOEXEC = {|#0:02000000|};
            public const int EPOLL_CLOEXEC = O_CLOEXEC;
            public static int SOCK_CLOEXEC => O_CLOEXEC;
        }
        """,
        Lie(0, "O_CLOEXEC", "0x1E8480", "O_CLOEXEC", "0x80000"));

    [Fact]
    public Task LyingConstantNeverCountsAsTheFlag_CallReported() => CloseOnExec.VerifyAsync(
        """
        static class Native
        {
            public const int O_RDONLY = 0;
            public const int O_CLOEXEC = 02000000;
            public const int EFD_CLOEXEC = 1;
            public static int SOCK_CLOEXEC => 0x800;

            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int eventfd(uint initval, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);

            // 2000000 has the 0x80000 bit, among others: still not the flag it claims to be.
            static int Open(string path) => {|#0:open(path, O_RDONLY | O_CLOEXEC, 0)|};
            static int Event() => {|#1:eventfd(0, EFD_CLOEXEC)|};
            static int Socket() => {|#2:socket(1, 1 | SOCK_CLOEXEC, 0)|};
        }
        """,
        CloseOnExec.Diagnostic("SPG0004", 0, "open"),
        CloseOnExec.Diagnostic("SPG0006", 1, "eventfd", "EFD_CLOEXEC"),
        CloseOnExec.Diagnostic("SPG0001", 2, "socket"));
}
