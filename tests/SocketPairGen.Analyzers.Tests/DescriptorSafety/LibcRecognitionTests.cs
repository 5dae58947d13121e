using static SocketPairGen.Analyzers.Tests.DescriptorSafety.CloseOnExecAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>Calls are recognised by the libc function they reach, however the declaration spells it.</summary>
public class LibcRecognitionTests
{
    [Fact]
    public Task NonLibcMethodNamedSocket_NoDiagnostic() => VerifyAsync(
        """
        class Sockets
        {
            public static int socket(int domain, int type, int protocol) => 0;
            public static int pipe(int[] fds) => 0;

            int M(int[] fds) => socket(1, 1, 0) + pipe(fds);
        }
        """);

    [Fact]
    public Task DllImportOfAnotherLibrary_NoDiagnostic() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Other
        {
            [DllImport("libsocketshim")] public static extern int socket(int domain, int type, int protocol);

            static int M() => socket(1, 1, 0);
        }
        """);

    [Fact]
    public Task DllImportOfC_Reported() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("c")] private static extern int pipe(int[] fds);

            static int M(int[] fds) => {|#0:pipe(fds)|};
        }
        """,
        Diagnostic("SPG0003", 0, "pipe"));

    [Fact]
    public Task DllImportWithEntryPointOnDifferentlyNamedMethod_Reported() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            [DllImport("libc.so.6", EntryPoint = "socketpair", SetLastError = true)]
            private static extern int CreatePair(int domain, int type, int protocol, int[] sv);

            [DllImport("libc.so.6", EntryPoint = "socketpair")]
            private static extern int socket(int domain, int type, int protocol, int[] sv);

            static int M(int[] sv) => {|#0:CreatePair(1, 1, 0, sv)|} + CreatePair(1, 1 | 0x80000, 0, sv);
        }
        """,
        Diagnostic("SPG0001", 0, "socketpair"));

    [Fact]
    public Task LibraryImport_Reported() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static partial class Native
        {
            [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
            internal static partial int Duplicate(int oldfd, int newfd);

            [LibraryImport("libc")]
            internal static partial int eventfd(uint initval, int flags);

            static int _target;

            static int M(int fd) => {|#0:Duplicate(fd, _target)|} + {|#1:eventfd(0, 0)|};
        }

        // What the LibraryImport generator would emit; the test compilation does not run it.
        static partial class Native
        {
            internal static partial int Duplicate(int oldfd, int newfd) => 0;
            internal static partial int eventfd(uint initval, int flags) => 0;
        }
        """,
        Diagnostic("SPG0005", 0, "dup2"),
        Diagnostic("SPG0006", 1, "eventfd", "EFD_CLOEXEC"));

    [Fact]
    public Task TmdsLibC_Reported() => VerifyAsync(
        """
        using static Tmds.Linux.LibC;

        class C
        {
            int M(int[] fds) => {|#0:socket(AF_UNIX, SOCK_STREAM, 0)|} + socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0) + {|#1:pipe(fds)|};
        }

        namespace Tmds.Linux
        {
            // The shape of the published binding: plain static methods and constants, no DllImport visible.
            public static class LibC
            {
                public const int AF_UNIX = 1;
                public const int SOCK_STREAM = 1;
                public const int SOCK_CLOEXEC = 0x80000;
                public static int socket(int domain, int type, int protocol) => 0;
                public static int pipe(int[] fds) => 0;
            }
        }
        """,
        Diagnostic("SPG0001", 0, "socket"),
        Diagnostic("SPG0003", 1, "pipe"));

    [Fact]
    public Task DeclarationOfAnotherShape_NoDiagnostic() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static class Native
        {
            // Not the signature the rule knows: the flags are not where it would look.
            [DllImport("libc")] private static extern int recvmsg(int fd);

            static int M() => recvmsg(3);
        }
        """);

    /// <summary>
    /// The declaration is read from its syntax when written with literals, and from the symbol for every other
    /// spelling: an alias, a constant library name, nameof, a qualified name, a method target.
    /// </summary>
    [Fact]
    public Task EverySpellingOfTheImport_Reported() => VerifyAsync(
        """
        using System.Runtime.InteropServices;
        using Imp = System.Runtime.InteropServices.DllImportAttribute;

        static class Native
        {
            private const string Libc = "libc";
            private const string Pipe = "pipe";

            [Imp("libc")] private static extern int socket(int domain, int type, int protocol);
            [DllImport(Libc, EntryPoint = Pipe)] private static extern int MakePipe(int[] fds);
            [DllImport("libc", EntryPoint = nameof(dup))] private static extern int Duplicate(int fd);
            [System.Runtime.InteropServices.DllImportAttribute("libc")] private static extern int dup(int fd);
            [method: DllImport("libc.so.6")] private static extern int accept(int fd, nint address, nint length);

            static int M(int[] fds) => {|#0:socket(1, 1, 0)|} + {|#1:MakePipe(fds)|} + {|#2:Duplicate(3)|} + {|#3:dup(3)|} + {|#4:accept(3, 0, 0)|};
        }
        """,
        Diagnostic("SPG0001", 0, "socket"),
        Diagnostic("SPG0003", 1, "pipe"),
        Diagnostic("SPG0005", 2, "dup"),
        Diagnostic("SPG0005", 3, "dup"),
        Diagnostic("SPG0002", 4, "accept"));

    [Fact]
    public Task PartialMethodThatIsNoImport_AndExternOfAnotherLibrary_NoDiagnostic() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        static partial class Native
        {
            private const string Shim = "libshim";

            private static partial int socket(int domain, int type, int protocol);
            private static partial int socket(int domain, int type, int protocol) => 0;

            [DllImport(Shim)] private static extern int pipe(int[] fds);

            static int M(int[] fds) => socket(1, 1, 0) + pipe(fds);
        }
        """);
}
