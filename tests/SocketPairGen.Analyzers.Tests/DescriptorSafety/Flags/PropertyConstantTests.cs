using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// Hand-written bindings that hold their constants in static properties (the style of Tmds.LibC, copied into
/// projects that do not take the package): an expression body or a getter returning a constant is that constant.
/// </summary>
public class PropertyConstantTests
{
    private const string Binding = """
        internal static class Interop
        {
            internal static class Sys
            {
                internal static int AF_UNIX => 1;
                internal static int SOCK_STREAM => 1;
                internal static int SOCK_CLOEXEC => 0x80000;
                internal static int O_RDONLY { get { return 0; } }
                internal static int O_CLOEXEC { get => 0x80000; }
                internal static int EPOLL_CLOEXEC => O_CLOEXEC;
                internal static int IN_NONBLOCK => O_NONBLOCK;
                internal const int O_NONBLOCK = 0x800;

                // Decided at run time: never a constant.
                internal static int O_CLOEXEC_ANYWHERE => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;
                internal static int Settable { get; set; } = 0x80000;

                [DllImport("libc", SetLastError = true)] internal static extern int socket(int domain, int type, int protocol);
                [DllImport("libc", SetLastError = true)] internal static extern int open(string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] internal static extern int epoll_create1(int flags);
                [DllImport("libc", SetLastError = true)] internal static extern int inotify_init1(int flags);
            }
        }
        """;

    [Fact]
    public Task ExpressionBodiedAndGetterProperties_JudgedByValue() => Verify.VerifyAsync(
        Binding + """

        static class Use
        {
            static int Socket() => {|#0:Interop.Sys.socket(Interop.Sys.AF_UNIX, Interop.Sys.SOCK_STREAM, 0)|};
            static int SocketCloseOnExec() => Interop.Sys.socket(Interop.Sys.AF_UNIX, Interop.Sys.SOCK_STREAM | Interop.Sys.SOCK_CLOEXEC, 0);
            static int Open(string path) => {|#1:Interop.Sys.open(path, Interop.Sys.O_RDONLY, 0)|} + Interop.Sys.open(path, Interop.Sys.O_RDONLY | Interop.Sys.O_CLOEXEC, 0);
            static int Epoll() => Interop.Sys.epoll_create1(Interop.Sys.EPOLL_CLOEXEC);
            static int Inotify() => {|#2:Interop.Sys.inotify_init1(Interop.Sys.IN_NONBLOCK)|};
        }
        """,
        Verify.Diagnostic("SPG0001", 0, "socket"),
        Verify.Diagnostic("SPG0004", 1, "open"),
        Verify.Diagnostic("SPG0006", 2, "inotify_init1", "IN_CLOEXEC"));

    [Fact]
    public Task PropertiesThatAreNotConstants_NotJudged() => Verify.VerifyAsync(
        Binding + """

        static class Use
        {
            static int Anywhere(string path) => Interop.Sys.open(path, Interop.Sys.O_CLOEXEC_ANYWHERE, 0);
            static int Settable(string path) => Interop.Sys.open(path, Interop.Sys.Settable, 0);
        }
        """);
}
