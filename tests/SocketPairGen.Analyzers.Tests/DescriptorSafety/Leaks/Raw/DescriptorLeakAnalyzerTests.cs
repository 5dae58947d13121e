using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw.RawLeaksAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

public class DescriptorLeakAnalyzerTests
{
    /// <summary>SPG0010 on the creating call (markup 0).</summary>
    private static DiagnosticResult Leaked(string function) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments(function, "never closed nor handed to an owner in this method");

    /// <summary>A class around <paramref name="body"/> (the body of <c>int M(string path, int listener, out int handed)</c>).</summary>
    private static string InClass(string body) => $$"""
        unsafe class C
        {
            private int _fd;
            public int Fd { get; set; }

            int M(string path, int listener, out int handed)
            {
                handed = -1;
                {{body}}
            }

            static void Adopt([SocketPairGen.TakesOwnership] int fd) { }
            // Helpers whose bodies give the descriptor to something the rule cannot follow.
            static readonly List<int> Registered = new();
            static void Use(int fd) => Registered.Add(fd);
            static void UseArray(int[] fds) => Registered.AddRange(fds);
        }
        """;

    [Fact]
    public async Task OpenIntoALocal_CheckedAndReadButNeverClosed_ReportedOnTheOpen()
    {
        await Verify.VerifyAsync(InClass("""
            int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    byte b;
                    read(fd, &b, 1);
                    return b;
            """), Leaked("open"));
    }

    [Fact]
    public async Task SocketAssignedToADeclaredLocal_NeverUsed_Reported()
    {
        await Verify.VerifyAsync(InClass("""
            int fd;
                    fd = {|#0:socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)|};
                    return 0;
            """), Leaked("socket"));
    }

    [Fact]
    public async Task Accept4AssignedInsideTheFailureCheck_Reported()
    {
        await Verify.VerifyAsync(InClass("""
            int client;
                    if ((client = {|#0:accept4(listener, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC)|}) < 0) return -1;
                    byte b = 1;
                    write(client, &b, 1);
                    return 0;
            """), Leaked("accept4"));
    }

    [Fact]
    public async Task SocketpairIntoStackalloc_OnlyOneEndClosed_ReportedOnce()
    {
        await Verify.VerifyAsync(InClass("""
            int* fds = stackalloc int[2];
                    if ({|#0:socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)|} != 0) return -1;
                    close(fds[0]);
                    return 0;
            """), Leaked("socketpair"));
    }

    [Fact]
    public async Task Pipe2IntoANewArray_NeitherEndClosed_ReportedOnce()
    {
        await Verify.VerifyAsync(InClass("""
            int[] fds = new int[2];
                    {|#0:pipe2(fds, O_CLOEXEC)|};
                    byte b = 1;
                    write(fds[1], &b, 1);
                    read(fds[0], &b, 1);
                    return b;
            """), Leaked("pipe2"));
    }

    [Fact]
    public async Task TwoLeaksInOneMethod_BothReported()
    {
        await Verify.VerifyAsync(InClass("""
            int a = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    int b = {|#1:open(path, O_RDONLY | O_CLOEXEC)|};
                    int c = open(path, O_RDONLY | O_CLOEXEC);
                    close(c);
                    return a == b ? 1 : 0;
            """), Leaked("open"), new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(1).WithArguments("open", "never closed nor handed to an owner in this method"));
    }

    [Fact]
    public async Task CheckedWithPatterns_Reported()
    {
        await Verify.VerifyAsync(InClass("""
            int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd is < 0 or 1000) return -1;
                    return fd is not -1 ? 1 : 0;
            """), Leaked("open"));
    }

    [Fact]
    public async Task SocketpairEndReadWithGetsockoptOnly_Reported()
    {
        await Verify.VerifyAsync(InClass("""
            int* sv = stackalloc int[2];
                    {|#0:socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)|};
                    byte b = 0;
                    write(sv[0], &b, 1);
                    return 0;
            """), Leaked("socketpair"));
    }

    [Theory]
    // Closed.
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); try { Use(0); } finally { close(fd); } return 0;")]
    [InlineData("int* fds = stackalloc int[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, fds); close(fds[0]); close(fds[1]); return 0;")]
    [InlineData("int[] fds = new int[2]; pipe2(fds, O_CLOEXEC); close(fds[0]); close(fds[1]); return 0;")]
    // Handed to an owner.
    [InlineData("int fd = open(path, O_CLOEXEC); using var h = new SafeFileHandle((nint)fd, ownsHandle: true); return 0;")]
    [InlineData("int fd = socket(AF_UNIX, SOCK_STREAM, 0); using var s = new Socket(new SafeSocketHandle((IntPtr)fd, true)); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); _fd = fd; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Fd = fd; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; return fd;")]
    [InlineData("int fd = open(path, O_CLOEXEC); handed = fd; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Adopt(fd); return 0;")]
    [InlineData("int* fds = stackalloc int[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, fds); Adopt(fds[0]); _fd = fds[1]; return 0;")]
    // Escapes the rule cannot classify.
    [InlineData("int fd = open(path, O_CLOEXEC); Use(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd is var copy) close(copy); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd is int copy and > 0) close(copy); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); switch (fd) { case var copy: close(copy); break; } return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); return fd > 0 ? fd : -1;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Action a = () => Use(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Action a = () => close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); int copy = fd; close(copy); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); var all = new List<int>(); all.Add(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); int[] keep = new int[1]; keep[0] = fd; UseArray(keep); return 0;")]
    [InlineData("int[] fds = new int[2]; pipe2(fds, O_CLOEXEC); UseArray(fds); return 0;")]
    [InlineData("int[] fds = new int[2]; int[] alias = fds; pipe2(fds, O_CLOEXEC); close(alias[0]); close(alias[1]); return 0;")]
    [InlineData("int[] backing = new int[2]; fixed (int* p = backing) { pipe2(backing, O_CLOEXEC); } close(backing[0]); close(backing[1]); return 0;")]
    [InlineData("int[] fds = new int[2]; fixed (int* p = fds) { socketpair(AF_UNIX, SOCK_STREAM, 0, p); } close(fds[0]); close(fds[1]); return 0;")]
    [InlineData("Span<int> fds = stackalloc int[2]; fixed (int* p = fds) { socketpair(AF_UNIX, SOCK_STREAM, 0, p); } close(fds[0]); close(fds[1]); return 0;")]
    // libc calls that close, adopt or map it.
    [InlineData("int fd = open(path, O_CLOEXEC); close_range((uint)fd, (uint)fd, 0); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); IntPtr file = fdopen(fd, \"r\"); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); posix_spawn_file_actions_adddup2(IntPtr.Zero, fd, 0); return 0;")]
    // Not a descriptor this method provably created into a local.
    [InlineData("int fd = open(path, O_CLOEXEC); fd = open(path, O_CLOEXEC); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); fd++; return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); int* p = &fd; return 0;")]
    [InlineData("int fd = dup2(listener, 1); return 0;")]
    [InlineData("open(path, O_CLOEXEC); return 0;")]
    [InlineData("Use(open(path, O_CLOEXEC)); return 0;")]
    [InlineData("Func<int> f = () => { int fd = open(path, O_CLOEXEC); return 0; }; return 0;")]
    [InlineData("_fd = open(path, O_CLOEXEC); return 0;")]
    public async Task ReleasedHandedOffOrEscaping_Silent(string body)
    {
        await Verify.VerifyAsync(InClass(body));
    }
}
