using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.OwnershipAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorClosedTwiceAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

/// <summary>
/// SPG0012 follows paths: a close reached on some path after the descriptor was already closed or handed off is
/// reported (a close in the <c>try</c> and again in the <c>finally</c>, <c>if (!ok) close(fd); close(fd);</c>), a close
/// on each of two exclusive paths is not, and neither is a second close guarded by what the first one decided.
/// </summary>
public class ClosePathTests
{
    private static DiagnosticResult ClosedTwice(string place = "fd", string how = "closed") =>
        new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(0).WithLocation(1).WithArguments(place, how);

    private static string InClass(string body) => $$"""
        unsafe class Reader
        {
            private int _fd = -1;
            private bool _keep;

            int M(string path, bool ok, bool verbose)
            {
                {{body}}
            }

            private static readonly List<int> Opened = new();
            private static void Remember(int fd) => Opened.Add(fd);
        }
        """;

    [Theory]
    // Closed in the try, again in the finally.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); try { byte b; read(fd, &b, 1); {|#1:close(fd)|}; return b; } finally { {|#0:close(fd)|}; }")]
    // Closed in a finally, again after the try.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); try { byte b; read(fd, &b, 1); } finally { {|#1:close(fd)|}; } {|#0:close(fd)|}; return 0;")]
    // Closed on the failure path, which goes on to the close every path takes.
    [InlineData("int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0); bool nonBlocking = fcntl(fd, F_SETFL, O_NONBLOCK) == 0; if (!nonBlocking) {|#1:close(fd)|}; {|#0:close(fd)|}; return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (!ok) { Console.WriteLine(\"failed\"); {|#1:close(fd)|}; } if (verbose) Console.WriteLine(\"done\"); {|#0:close(fd)|}; return 0;")]
    // Closed before a break out of a loop, again after the loop.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); byte b = 0; while (true) { if (read(fd, &b, 1) <= 0) { {|#1:close(fd)|}; break; } } {|#0:close(fd)|}; return b;")]
    // A close whose result is tested: both outcomes leave the descriptor closed.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if ({|#1:close(fd)|} != 0) Console.WriteLine(\"close failed\"); {|#0:close(fd)|}; return 0;")]
    // A goto that skips nothing.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (ok) goto done; {|#1:close(fd)|}; done: {|#0:close(fd)|}; return 0;")]
    public async Task ClosedAgainOnSomePath_Reported(string body)
    {
        await Verify.VerifyAsync(InClass(body), ClosedTwice());
    }

    [Fact]
    public async Task HandedToAFieldOnOnePathThenClosed_Reported()
    {
        await Verify.VerifyAsync(InClass("""
            int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (_keep)
                    {
                        {|#1:_fd = fd|};
                    }

                    {|#0:close(fd)|};
                    return 0;
            """), ClosedTwice(how: "handed to an owner"));
    }

    [Theory]
    // Exclusive paths.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0) { close(fd); return -1; } close(fd); return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (ok) close(fd); else { Remember(0); close(fd); } return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); switch (path.Length) { case 0: close(fd); return 0; default: close(fd); break; } return 1;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); try { Remember(1); } catch (IOException) { close(fd); throw; } close(fd); return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); try { Remember(1); } catch (IOException) { close(fd); return -1; } close(fd); return 0;")]
    // A flag or the descriptor itself records the first close.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); bool closed = false; if (!ok) { close(fd); closed = true; } if (!closed) close(fd); return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (!ok) { close(fd); fd = -1; } if (fd >= 0) close(fd); return 0;")]
    // The same condition, or conditions computed from the same value, decide both closes.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); if (ok) close(fd); Remember(2); if (!ok) close(fd); return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); bool early = path.Length > 3; bool late = path.Length <= 3; if (early) close(fd); if (late) close(fd); return 0;")]
    // A loop counter decides how often the loop runs.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); for (int i = 0; i < path.Length; i++) { if (i == 2) close(fd); } return 0;")]
    // Retried after EINTR: one close.
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); while (close(fd) == -1 && Marshal.GetLastPInvokeError() == 4) { } return 0;")]
    // Reopened in the loop before the next close.
    [InlineData("for (int i = 0; i < 3; i++) { int fd = open(path, O_RDONLY | O_CLOEXEC); close(fd); } return 0;")]
    [InlineData("int fd = open(path, O_RDONLY | O_CLOEXEC); while (fd >= 0) { close(fd); fd = open(path, O_RDONLY | O_CLOEXEC); } return 0;")]
    public async Task ClosedOnceOnEveryPath_NotReported(string body)
    {
        await Verify.VerifyAsync(InClass(body));
    }
}
