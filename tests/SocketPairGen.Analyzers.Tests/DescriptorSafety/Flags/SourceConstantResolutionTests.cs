using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// Constants declared in source are read from their declarations, with names resolved as the compiler resolves them
/// there: qualified, fully qualified, through <c>using static</c>, enum members and casts; a static readonly field only
/// when no static constructor can change it; a lie inside another constant's initializer still never counts.
/// </summary>
public class SourceConstantResolutionTests
{
    [Fact]
    public Task NamesInDeclarations_ResolvedLikeTheCompiler() => Verify.VerifyAsync(
        """
        namespace Bindings
        {
            using static Bindings.Flags;

            internal static class Flags
            {
                internal const int CLOEXEC = 0x80000;
                internal const int NONBLOCK = 0x800;
            }

            internal static class Native
            {
                internal static int SOCK_CLOEXEC => Flags.CLOEXEC;
                internal static int O_CLOEXEC => global::Bindings.Flags.CLOEXEC;
                internal static int EPOLL_CLOEXEC => CLOEXEC;
                internal static int IN_NONBLOCK => (int)Kind.NonBlocking;
                internal static readonly int EFD_CLOEXEC = 1 << 19;

                internal enum Kind
                {
                    NonBlocking = NONBLOCK,
                }

                [DllImport("libc")] internal static extern int socket(int domain, int type, int protocol);
                [DllImport("libc")] internal static extern int open(string path, int flags, int mode);
                [DllImport("libc")] internal static extern int epoll_create1(int flags);
                [DllImport("libc")] internal static extern int inotify_init1(int flags);
                [DllImport("libc")] internal static extern int eventfd(uint initval, int flags);
            }

            internal static class Use
            {
                static int Socket() => Native.socket(1, 1 | Native.SOCK_CLOEXEC, 0);
                static int Open(string path) => Native.open(path, Native.O_CLOEXEC, 0);
                static int Epoll() => Native.epoll_create1(Native.EPOLL_CLOEXEC);
                static int Inotify() => {|#0:Native.inotify_init1(Native.IN_NONBLOCK)|};
                static int Event() => Native.eventfd(0, Native.EFD_CLOEXEC);
            }
        }
        """,
        Verify.Diagnostic("SPG0006", 0, "inotify_init1", "IN_CLOEXEC"));

    [Fact]
    public Task ReadonlyFieldAStaticConstructorSets_NotFolded() => Verify.VerifyAsync(
        """
        static class Events
        {
            private const int EFD_NONBLOCK = 0x800;
            private const int EFD_CLOEXEC = 0x80000;
            private static readonly int Flags = EFD_NONBLOCK;

            static Events()
            {
                Flags = EFD_NONBLOCK | EFD_CLOEXEC;
            }

            [DllImport("libc")] private static extern int eventfd(uint initval, int flags);

            static int Create() => eventfd(0, Flags);
        }
        """);

    [Fact]
    public Task LieInsideAnotherConstantsInitializer_NeverCountsAsTheFlag() => Verify.VerifyAsync(
        """
        static class Native
        {
            private const int SOCK_STREAM = 1;
            private const int SOCK_CLOEXEC = 02000000;
            private const int StreamType = SOCK_STREAM | SOCK_CLOEXEC;

            [DllImport("libc")] private static extern int socket(int domain, int type, int protocol);

            static int Create() => {|#0:socket(1, StreamType, 0)|};
        }
        """,
        Verify.Diagnostic("SPG0001", 0, "socket"));
}
