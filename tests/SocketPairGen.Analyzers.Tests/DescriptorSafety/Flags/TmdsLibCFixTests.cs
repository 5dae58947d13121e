using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;
using AddFlag = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.AddCloseOnExecFlagCodeFixProvider>;
using Fold = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAfterwardsAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.FoldCloseOnExecCodeFixProvider>;
using UseVariant = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.UseCloseOnExecVariantCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>The fixes write Tmds.LibC's names, through the binding the code already uses, never a literal.</summary>
public class TmdsLibCFixTests
{
    [Fact]
    public Task AddFlag_UsingStatic_InsertsTheBareName() => AddFlag.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Unix() => {|SPG0001:socket(AF_UNIX, SOCK_STREAM, 0)|};
        }
        """,
        """
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Unix() => socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        }
        """);

    [Fact]
    public Task AddFlag_QualifiedNames_InsertsTheNameThroughTheSameType() => AddFlag.VerifyAsync(
        """
        using Tmds.Linux;

        static class Listener
        {
            static int Tcp() => {|SPG0001:LibC.socket(LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK, 0)|};
        }
        """,
        """
        using Tmds.Linux;

        static class Listener
        {
            static int Tcp() => LibC.socket(LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        }
        """);

    [Fact]
    public Task AddFlag_LiteralZeroToAQualifiedCall_InsertsTheNameOfTheCalledBinding() => AddFlag.VerifyAsync(
        """
        static unsafe class Pipes
        {
            static int Make(int* fds) => {|SPG0003:Tmds.Linux.LibC.pipe2(fds, 0)|};
        }
        """,
        """
        static unsafe class Pipes
        {
            static int Make(int* fds) => Tmds.Linux.LibC.pipe2(fds, Tmds.Linux.LibC.O_CLOEXEC);
        }
        """);

    [Fact]
    public Task AddFlag_Memfd_InsertsItsOwnFlagByName() => AddFlag.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static unsafe class Snapshot
        {
            static int Create(byte* name) => {|SPG0006:memfd_create(name, MFD_ALLOW_SEALING)|};
        }
        """,
        """
        using static Tmds.Linux.LibC;

        static unsafe class Snapshot
        {
            static int Create(byte* name) => memfd_create(name, MFD_ALLOW_SEALING | MFD_CLOEXEC);
        }
        """);

    [Fact]
    public Task UseVariant_PipeWithUsingStatic_InsertsTheName() => UseVariant.VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        static unsafe class Pipes
        {
            static int Make(int* fds) => {|SPG0003:pipe(fds)|};
        }
        """,
        """
        using static Tmds.Linux.LibC;

        static unsafe class Pipes
        {
            static int Make(int* fds) => pipe2(fds, O_CLOEXEC);
        }
        """);

    [Fact]
    public Task AddFlag_PropertyOfAHandWrittenBinding_InsertsItsName() => AddFlag.VerifyAsync(
        """
        static class Native
        {
            public static int SOCK_STREAM => 1;
            public static int SOCK_CLOEXEC => 0x80000;

            [DllImport("libc")] public static extern int socket(int domain, int type, int protocol);
        }

        static class Use
        {
            static int M() => {|SPG0001:Native.socket(1, Native.SOCK_STREAM, 0)|};
        }
        """,
        """
        static class Native
        {
            public static int SOCK_STREAM => 1;
            public static int SOCK_CLOEXEC => 0x80000;

            [DllImport("libc")] public static extern int socket(int domain, int type, int protocol);
        }

        static class Use
        {
            static int M() => Native.socket(1, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
        }
        """);

    [Fact]
    public Task FoldAfterwards_TmdsNames_InsertsTheName() => Fold.VerifyAsync(
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
        }
        """,
        """
        using static Tmds.Linux.LibC;

        static class Listener
        {
            static int Create()
            {
                int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                return fd;
            }
        }
        """,
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(0).WithLocation(1).WithArguments("socket"));
}
