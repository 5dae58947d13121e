using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Afterwards = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAfterwardsAnalyzer>;
using Lies = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecConstantAnalyzer>;
using UseVariant = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.UseCloseOnExecVariantCodeFixProvider>;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// Code that only runs on another system is not judged by Linux values: under an <c>OperatingSystem.IsMacOS()</c>
/// (or <c>!IsLinux()</c>) guard, after an <c>if (IsLinux()) return …;</c>, in a member or type marked only for other
/// platforms, or with constants that hold another system's values. macOS has no pipe2, accept4 or dup3 and no
/// SOCK_CLOEXEC: setting the flag with fcntl is all there is, and no fix may offer the Linux-only call there. The
/// shapes are those of cross-platform interop classes (a Linux and a Darwin branch around one DllImport of libc).
/// </summary>
public class OtherPlatformTests
{
    private const string Native = """

        static unsafe class Native
        {
            public const int O_RDONLY = 0, F_SETFD = 2, FD_CLOEXEC = 1, AF_UNIX = 1, SOCK_STREAM = 1;
            public const int LINUX_O_CLOEXEC = 0x80000, LINUX_SOCK_CLOEXEC = 0x80000;

            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int pipe(int* fds);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(int* fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc", SetLastError = true)] public static extern int accept(int fd, void* address, void* length);
            [DllImport("libc", SetLastError = true)] public static extern int accept4(int fd, void* address, void* length, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int fcntl(int fd, int cmd, int arg);
        }
        """;

    [Fact]
    public Task UnderGuardsForOtherSystems_NotJudged() => Verify.VerifyAsync("""
        using System.Runtime.InteropServices;
        using static Native;

        static unsafe class Files
        {
            static int Open(string path)
            {
                if (OperatingSystem.IsMacOS())
                {
                    return open(path, O_RDONLY | 0x1000000, 0);
                }

                return open(path, O_RDONLY | LINUX_O_CLOEXEC, 0);
            }

            static void Pipe(int* fds)
            {
                if (OperatingSystem.IsLinux())
                {
                    pipe2(fds, LINUX_O_CLOEXEC);
                }
                else
                {
                    pipe(fds);
                    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
                    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
                }
            }

            static int Accept(int listener) => OperatingSystem.IsFreeBSD() || OperatingSystem.IsMacOS()
                ? accept(listener, null, null)
                : accept4(listener, null, null, LINUX_SOCK_CLOEXEC);

            static int Socket()
            {
                if (OperatingSystem.IsLinux())
                {
                    return socket(AF_UNIX, SOCK_STREAM | LINUX_SOCK_CLOEXEC, 0);
                }

                // Not Linux from here on.
                int fd = socket(AF_UNIX, SOCK_STREAM, 0);
                fcntl(fd, F_SETFD, FD_CLOEXEC);
                return fd;
            }

            static int Darwin(string path) => RuntimeInformation.IsOSPlatform(OSPlatform.OSX) && open(path, 0, 0) is var fd ? fd : -1;

            static int NotLinux(string path) => !OperatingSystem.IsLinux() ? open(path, 0, 0) : -1;

            static int Named(string path) => OperatingSystem.IsOSPlatform("FreeBSD") ? open(path, 0, 0) : -1;
        }
        """ + Native);

    [Fact]
    public Task UnderLinuxOrUnknownGuards_Judged() => Verify.VerifyAsync("""
        using static Native;

        static unsafe class Files
        {
            static int Open(string path)
            {
                if (OperatingSystem.IsLinux())
                {
                    return {|#0:open(path, O_RDONLY, 0)|};
                }

                return -1;
            }

            static int NotMac(string path, bool fast)
            {
                if (!OperatingSystem.IsMacOS())
                {
                    return {|#1:open(path, O_RDONLY, 0)|}; // Linux is not macOS
                }

                return fast ? -1 : 0;
            }

            static int AfterLinuxCheck(int* fds)
            {
                if (!OperatingSystem.IsLinux())
                {
                    throw new PlatformNotSupportedException();
                }

                return {|#2:pipe(fds)|};
            }

            static int Android(string path) => OperatingSystem.IsAndroid() ? {|#3:open(path, 0, 0)|} : -1;
        }
        """ + Native,
        Verify.Diagnostic("SPG0004", 0, "open"),
        Verify.Diagnostic("SPG0004", 1, "open"),
        Verify.Diagnostic("SPG0003", 2, "pipe"),
        Verify.Diagnostic("SPG0004", 3, "open"));

    [Fact]
    public Task MarkedForOtherPlatformsOnly_NotJudged() => Verify.VerifyAsync("""
        using System.Runtime.Versioning;
        using static Native;

        [SupportedOSPlatform("macos")]
        [SupportedOSPlatform("freebsd")]
        static unsafe class Bsd
        {
            static int Open(string path) => open(path, O_RDONLY, 0);
            static int Pipe(int* fds) => pipe(fds);
        }

        static unsafe class Mixed
        {
            [SupportedOSPlatform("macos10.15")]
            static int Open(string path)
            {
                return Local();

                int Local() => open(path, O_RDONLY, 0);
            }

            [UnsupportedOSPlatform("linux")]
            static int Pipe(int* fds) => pipe(fds);

            [SupportedOSPlatform("ios")]
            static Func<int> Later(string path) => () => open(path, O_RDONLY, 0);
        }
        """ + Native);

    [Fact]
    public Task MarkedForLinuxToo_Judged() => Verify.VerifyAsync("""
        using System.Runtime.Versioning;
        using static Native;

        [SupportedOSPlatform("macos")]
        static unsafe class Unix
        {
            [SupportedOSPlatform("linux")]
            [SupportedOSPlatform("macos")]
            static int Open(string path) => {|#0:open(path, O_RDONLY, 0)|};
        }
        """ + Native,
        Verify.Diagnostic("SPG0004", 0, "open"));

    [Fact]
    public Task ConstantsWithAnotherSystemsValues_NotJudged() => Verify.VerifyAsync("""
        static class Darwin
        {
            public const int O_CLOEXEC = 0x1000000;
        }

        static class FreeBsd
        {
            public const int SOCK_CLOEXEC = 0x10000000;
            public const int O_NOFOLLOW = 0x100;
            public const int OpenFlags = O_NOFOLLOW | Darwin.O_CLOEXEC;
        }

        static class Files
        {
            static int Open(string path) => Native.open(path, Native.O_RDONLY | Darwin.O_CLOEXEC, 0);
            static int Socket() => Native.socket(1, 1 | FreeBsd.SOCK_CLOEXEC, 0);
            static int OpenThroughAnotherConstant(string path) => Native.open(path, FreeBsd.OpenFlags, 0);
        }
        """ + Native);

    [Fact]
    public Task FcntlAfterCreationElsewhere_NotReported() => Afterwards.VerifyAsync("""
        using static Native;

        static class Files
        {
            static int Socket()
            {
                if (OperatingSystem.IsMacOS())
                {
                    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
                    fcntl(fd, F_SETFD, FD_CLOEXEC);
                    return fd;
                }

                return -1;
            }
        }
        """ + Native);

    [Fact]
    public Task LyingLookingConstantOfAnotherPlatformsType_NotReported() => Lies.VerifyAsync(
        """
        using System.Runtime.Versioning;

        [SupportedOSPlatform("windows")]
        static class Wsl
        {
            public const int O_CLOEXEC = 0x1234;
        }
        """);

    [Fact]
    public Task PipeUnderMacGuard_NoDiagnosticSoNoLinuxOnlyFix() => UseVariant.VerifyNoFixAsync("""
        using static Native;

        static unsafe class Files
        {
            static int Pipe(int* fds) => OperatingSystem.IsMacOS() ? pipe(fds) : pipe2(fds, LINUX_O_CLOEXEC);
        }
        """ + Native);

    /// <summary>
    /// A guard member of the project's own (<c>[SupportedOSPlatformGuard]</c>, as cross-platform libraries write
    /// <c>IsApple</c>) decides like the check it wraps: one naming only other systems is not judged; one that takes
    /// in Linux says nothing, and the code under it is judged.
    /// </summary>
    [Fact]
    public Task UnderAGuardMemberOfTheProject_JudgedByThePlatformsItNames() => Verify.VerifyAsync("""
        using System.Runtime.Versioning;
        using static Native;

        static unsafe class Pipes
        {
            [SupportedOSPlatformGuard("macos")]
            [SupportedOSPlatformGuard("ios")]
            private static bool IsApple => OperatingSystem.IsMacOS() || OperatingSystem.IsIOS();

            [SupportedOSPlatformGuard("linux")]
            [SupportedOSPlatformGuard("freebsd")]
            private static bool HasPipe2 => OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD();

            static void Create(int* fds)
            {
                if (IsApple)
                {
                    // Darwin has no pipe2: the flag can only be set afterwards.
                    pipe(fds);
                    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
                    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
                    return;
                }

                pipe2(fds, LINUX_O_CLOEXEC);
            }

            static void CreateNonBlocking(int* fds)
            {
                if (HasPipe2)
                {
                    {|#0:pipe2(fds, 0x800 /* O_NONBLOCK */)|};
                }
            }
        }
        """ + Native,
        Verify.Diagnostic("SPG0003", 0, "pipe2"));
}
