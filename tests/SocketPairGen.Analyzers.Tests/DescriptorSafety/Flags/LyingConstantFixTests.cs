using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using AddFlag = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.AddCloseOnExecFlagCodeFixProvider>;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecConstantAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.CorrectCloseOnExecConstantCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>SPG0009's fix writes the flag's Linux value; the call that used the constant then needs nothing.</summary>
public class LyingConstantFixTests
{
    [Fact]
    public Task ConstFields_GetTheLinuxValue() => Verify.VerifyAsync(
        """
        static class Native
        {
            public const int EFD_CLOEXEC = {|SPG0009:1|};
            public const int O_CLOEXEC = {|SPG0009:02000000|}; // from fcntl.h
            public const uint MFD_CLOEXEC = {|SPG0009:0x80000U|};
            public const int F_DUPFD_CLOEXEC = {|SPG0009:0x406 + 1|};
        }
        """,
        """
        static class Native
        {
            public const int EFD_CLOEXEC = 0x80000;
            public const int O_CLOEXEC = 0x80000; // from fcntl.h
            public const uint MFD_CLOEXEC = 1;
            public const int F_DUPFD_CLOEXEC = 1030;
        }
        """);

    [Fact]
    public Task PropertyEnumMemberAndLocal_GetTheLinuxValue() => Verify.VerifyAsync(
        """
        static class Interop
        {
            internal static int FD_CLOEXEC => {|SPG0009:0x80000|};

            internal enum OpenFlags
            {
                O_CLOEXEC = {|SPG0009:0x2000000|},
            }

            static int M()
            {
                const int TFD_CLOEXEC = {|SPG0009:0x8000|};
                return TFD_CLOEXEC;
            }
        }
        """,
        """
        static class Interop
        {
            internal static int FD_CLOEXEC => 1;

            internal enum OpenFlags
            {
                O_CLOEXEC = 0x80000,
            }

            static int M()
            {
                const int TFD_CLOEXEC = 0x80000;
                return TFD_CLOEXEC;
            }
        }
        """);

    [Fact]
    public Task CallUsingALyingConstant_NoAddFlagFix() => AddFlag.VerifyNoFixAsync(
        """
        static class Native
        {
            public const int O_RDONLY = 0;
            public const int O_CLOEXEC = 02000000;

            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags, int mode);

            static int Open(string path) => {|SPG0004:open(path, O_RDONLY | O_CLOEXEC, 0)|};
        }
        """);
}
