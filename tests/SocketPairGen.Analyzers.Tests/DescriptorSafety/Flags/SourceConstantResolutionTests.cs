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
                internal static int SOCK_NONBLOCK => Flags.NONBLOCK;
                internal static int O_CLOEXEC => global::Bindings.Flags.CLOEXEC;
                internal static int O_NONBLOCK => global::Bindings.Flags.NONBLOCK;
                internal static int IN_CLOEXEC => CLOEXEC;
                internal static int IN_NONBLOCK => NONBLOCK;
                internal static int TFD_NONBLOCK => (int)Kind.NonBlocking;
                internal static readonly int EFD_CLOEXEC = 1 << 19;
                internal static readonly int EFD_NONBLOCK = 1 << 11;

                internal enum Kind
                {
                    NonBlocking = NONBLOCK,
                }

                [DllImport("libc")] internal static extern int socket(int domain, int type, int protocol);
                [DllImport("libc")] internal static extern int open(string path, int flags, int mode);
                [DllImport("libc")] internal static extern int inotify_init1(int flags);
                [DllImport("libc")] internal static extern int timerfd_create(int clockid, int flags);
                [DllImport("libc")] internal static extern int eventfd(uint initval, int flags);
            }

            internal static class Use
            {
                static int Socket() => Native.socket(1, 1 | Native.SOCK_CLOEXEC, 0) + {|#0:Native.socket(1, 1 | Native.SOCK_NONBLOCK, 0)|};
                static int Open(string path) => Native.open(path, Native.O_CLOEXEC, 0) + {|#1:Native.open(path, Native.O_NONBLOCK, 0)|};
                static int Inotify() => Native.inotify_init1(Native.IN_CLOEXEC) + {|#2:Native.inotify_init1(Native.IN_NONBLOCK)|};
                static int Timer() => {|#3:Native.timerfd_create(1, Native.TFD_NONBLOCK)|};
                static int Event() => Native.eventfd(0, Native.EFD_CLOEXEC) + {|#4:Native.eventfd(0, Native.EFD_NONBLOCK)|};
            }
        }
        """,
        Verify.Diagnostic("SPG0001", 0, "socket"),
        Verify.Diagnostic("SPG0004", 1, "open"),
        Verify.Diagnostic("SPG0006", 2, "inotify_init1", "IN_CLOEXEC"),
        Verify.Diagnostic("SPG0006", 3, "timerfd_create", "TFD_CLOEXEC"),
        Verify.Diagnostic("SPG0006", 4, "eventfd", "EFD_CLOEXEC"));

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
