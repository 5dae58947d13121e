using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.OwnershipAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

/// <summary>
/// SPG0010 follows what used to count as letting go of a descriptor: a helper method of the compilation is read
/// (<c>Log(fd)</c>, <c>Configure(fd)</c> only read it, <c>CloseQuietly(fd)</c> closes it), a SafeHandle with
/// <c>ownsHandle: false</c> only borrows it, a copy into a local is the same descriptor, and arrays in every shape
/// (<c>Span&lt;int&gt;</c>, <c>{ -1, -1 }</c>, <c>[-1, -1]</c>, pinned by <c>fixed</c>, <c>ref fds[0]</c>) are
/// followed like <c>new int[2]</c>.
/// </summary>
public class FollowedUsesLeakTests
{
    private static DiagnosticResult Never(string function) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments(function, "never closed nor handed to an owner in this method");

    private static DiagnosticResult OnAPath(string function) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithLocation(1)
            .WithArguments(function, "not closed nor handed to an owner on every path out of this method");

    /// <summary>A class of helpers of the kind interop code keeps next to its P/Invokes, around <paramref name="body"/>.</summary>
    private static string WithHelpers(string body) => $$"""
        unsafe class Channel
        {
            private int _fd = -1;

            public int M(string path, int listener)
            {
                {{body}}
            }

            private static void Log(int fd) => Console.WriteLine($"opened descriptor {fd}");

            private static void Trace(int fd) => System.Diagnostics.Debug.WriteLine("descriptor " + fd.ToString());

            private static bool IsTrusted(int fd)
            {
                byte* stat = stackalloc byte[144];
                return fstat(fd, stat) == 0 && stat[28] == 0;
            }

            private static void Configure(int fd)
            {
                int flags = fcntl(fd, F_GETFL, 0);
                if (flags < 0) throw new IOException("fcntl");
                fcntl(fd, F_SETFL, flags | O_NONBLOCK);
                Log(fd);
            }

            private static void CloseQuietly(int fd)
            {
                if (fd >= 0)
                {
                    close(fd);
                }
            }

            private static void CloseAndLog(int fd)
            {
                Log(fd);
                CloseQuietly(fd);
            }

            private static void MaybeClose(int fd, bool now)
            {
                if (now) close(fd);
            }

            private void Adopt(int fd) => _fd = fd;

            private static void Keep(int* p) { }

            private static void KeepAll(Span<int> fds) { }

            protected virtual void Release(int fd) => close(fd);

            private static void Drain(int fd, int rounds)
            {
                if (rounds > 0) Drain(fd, rounds - 1);
            }
        }
        """;

    [Theory]
    [InlineData("Log")]
    [InlineData("Trace")]
    [InlineData("Configure")]
    public async Task PassedToAHelperThatOnlyReadsIt_NeverClosed_Reported(string helper)
    {
        await Verify.VerifyAsync(WithHelpers($$"""
            int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    {{helper}}(fd);
                    return 0;
            """), Never("open"));
    }

    [Fact]
    public async Task CheckedByAReadOnlyPredicate_LeaksWhenUntrusted_Reported()
    {
        await Verify.VerifyAsync(WithHelpers("""
            int fd = {|#0:accept4(listener, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC)|};
                    if (fd < 0) return -1;
                    if (!IsTrusted(fd))
                    {
                        {|#1:return -1;|}
                    }

                    _fd = fd;
                    return 0;
            """), OnAPath("accept4"));
    }

    [Fact]
    public async Task HandedToASafeHandleThatDoesNotOwnIt_Reported()
    {
        await Verify.VerifyAsync(WithHelpers("""
            int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: false);
                    using var stream = new FileStream(handle, FileAccess.Read);
                    return stream.ReadByte();
            """), Never("open"));
    }

    [Fact]
    public async Task SocketpairEndsCopiedIntoLocals_ChildEndNeverClosed_Reported()
    {
        await Verify.VerifyAsync(WithHelpers("""
            int* fds = stackalloc int[2];
                    if ({|#0:socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)|} != 0) return -1;
                    int parentEnd = fds[0];
                    int childEnd = fds[1];
                    _fd = parentEnd;
                    byte hello = 1;
                    write(childEnd, &hello, 1);
                    return 0;
            """), Never("socketpair"));
    }

    [Fact]
    public async Task CopyClosedOnOnePathOnly_Reported()
    {
        await Verify.VerifyAsync(WithHelpers("""
            int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    int copy = fd;
                    if (path.Length > 10)
                    {
                        close(copy);
                        return 1;
                    }

                    {|#1:return 0;|}
            """), OnAPath("open"));
    }

    [Theory]
    [InlineData("Span<int> fds = stackalloc int[2]; fixed (int* p = fds) { {|#0:pipe2(p, O_CLOEXEC)|}; } close(fds[0]); return 0;")]
    [InlineData("int[] fds = { -1, -1 }; {|#0:pipe2(fds, O_CLOEXEC)|}; close(fds[1]); return 0;")]
    [InlineData("int[] fds = [-1, -1]; {|#0:socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)|}; close(fds[0]); return 0;")]
    [InlineData("int[] fds = new int[2]; fixed (int* p = fds) { if ({|#0:pipe2(p, O_CLOEXEC)|} != 0) return -1; } close(fds[1]); return 0;")]
    [InlineData("Span<int> fds = stackalloc int[2]; {|#0:pipe2(ref fds[0], O_CLOEXEC)|}; close(fds[1]); return 0;")]
    [InlineData("int[] fds = new int[2]; {|#0:pipe2(ref fds[0], O_CLOEXEC)|}; int readEnd = fds[0]; close(readEnd); return 0;")]
    public async Task ArraysInEveryShape_OneEndNeverClosed_Reported(string body)
    {
        await Verify.VerifyAsync(WithHelpers(body), Never(body.Contains("socketpair", StringComparison.Ordinal) ? "socketpair" : "pipe2"));
    }

    [Theory]
    // Helpers that close, or store in an owner, on every path.
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; Log(fd); CloseQuietly(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Configure(fd); CloseAndLog(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; Adopt(fd); return 0;")]
    // Helpers the rule cannot summarise: a close on some paths, an override, recursion.
    [InlineData("int fd = open(path, O_CLOEXEC); MaybeClose(fd, path.Length > 0); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Release(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); Drain(fd, 3); return 0;")]
    // Copies and arrays in every shape, closed.
    [InlineData("int* fds = stackalloc int[2]; socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds); int parentEnd = fds[0]; int childEnd = fds[1]; close(childEnd); _fd = parentEnd; return 0;")]
    [InlineData("Span<int> fds = stackalloc int[2]; fixed (int* p = fds) { pipe2(p, O_CLOEXEC); } CloseQuietly(fds[0]); close(fds[1]); return 0;")]
    [InlineData("int[] fds = { -1, -1 }; if (pipe2(fds, O_CLOEXEC) != 0) return -1; close(fds[0]); close(fds[1]); return 0;")]
    [InlineData("int[] fds = [-1, -1]; pipe2(ref fds[0], O_CLOEXEC); close(fds[0]); close(fds[1]); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true); return 0;")]
    // A SafeHandle whose ownership is only known at run time.
    [InlineData("int fd = open(path, O_CLOEXEC); var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: path.Length > 0); return 0;")]
    // The pinned pointer or the span goes elsewhere.
    [InlineData("int[] fds = new int[2]; fixed (int* p = fds) { pipe2(p, O_CLOEXEC); Keep(p); } return 0;")]
    [InlineData("Span<int> fds = stackalloc int[2]; pipe2(ref fds[0], O_CLOEXEC); KeepAll(fds); return 0;")]
    public async Task ClosedOrHandedOffOrNotFollowable_Silent(string body)
    {
        await Verify.VerifyAsync(WithHelpers(body));
    }
}
