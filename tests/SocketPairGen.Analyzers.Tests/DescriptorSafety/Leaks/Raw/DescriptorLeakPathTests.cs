using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

/// <summary>
/// SPG0010 follows paths: a descriptor closed on some paths only is reported, with the <c>return</c> the leaking
/// path takes as the second location; the failed side of a failure test is no path; exception paths count only
/// with the .editorconfig option.
/// </summary>
public class DescriptorLeakPathTests
{
    private const string SomePath = "not closed nor handed to an owner on every path out of this method";

    /// <summary>A class around <paramref name="body"/> (the body of <c>int M(string path)</c>).</summary>
    private static string InClass(string body) => $$"""
        unsafe class C
        {
            int M(string path)
            {
                {{body}}
            }

            static readonly List<int> Registered = new();
            static void Use(int value) => Registered.Add(value);
            [System.Diagnostics.CodeAnalysis.DoesNotReturn] static void Fail() => throw new InvalidOperationException();
            static void Adopt([SocketPairGen.TakesOwnership] int fd) { }
        }
        """;

    private static Task VerifyAsync(string body, bool exceptionPaths, params DiagnosticResult[] expected)
    {
        var test = new RawLeaksAnalyzerTest<DescriptorLeakAnalyzer>(InClass(body));
        if (exceptionPaths)
        {
            test.TestState.AnalyzerConfigFiles.Add(ExceptionPathsConfig.EditorConfig);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>SPG0010 on markup 0, leaving through markup 1 (or, on an exception path, wherever it is thrown).</summary>
    private static DiagnosticResult LeakedOnAPath(string function, bool throughMarkedExit = true)
    {
        DiagnosticResult result = new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments(function, SomePath);
        return throughMarkedExit ? result.WithLocation(1) : result.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
    }

    [Theory]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (path.Length > 3) close(fd); {|#1:return 0;|}")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length == 0) {|#1:return -2;|} close(fd); return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; switch (path.Length) { case 0: {|#1:return 1;|} default: close(fd); break; } return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd == -1) return -1; if (path.Length == 1) {|#1:return 1;|} using var h = new SafeFileHandle((nint)fd, ownsHandle: true); return 0;")]
    [InlineData("int* fds = stackalloc int[2]; if ({|#0:socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)|} != 0) return -1; close(fds[0]); if (path.Length > 0) {|#1:return 1;|} close(fds[1]); return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length > 2) Adopt(fd); {|#1:return 0;|}")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; Func<int> f = () => { return 1; }; if (path.Length == 0) {|#1:return f();|} close(fd); return 0;")]
    public async Task ClosedOnSomePathsOnly_ReportedWithTheLeakingReturn(string body)
    {
        await VerifyAsync(body, exceptionPaths: false, LeakedOnAPath(body.Contains("socketpair") ? "socketpair" : "open"));
    }

    [Fact]
    public async Task LoopThatBreaksOutBeforeTheClose_Reported()
    {
        await VerifyAsync("""
            for (int i = 0; i < 3; i++)
                    {
                        int fd = {|#0:open(path, O_CLOEXEC)|};
                        if (fd < 0) continue;
                        if (i == 1) break;
                        close(fd);
                    }

                    {|#1:return 0;|}
            """, exceptionPaths: false, LeakedOnAPath("open"));
    }

    [Theory]
    // `while (true)` and `do ... while (true)` leave only through their breaks: the constant condition's false side is
    // no path (found by the corpus, Correct/ownership-ArraysPathsAndSpawn: a close before the break, none after).
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; int n = 0; while (true) { byte b; if (read(fd, &b, 1) != 1 || b != 0) { close(fd); break; } n++; } return n;")]
    [InlineData("int fd = open(path, O_CLOEXEC); int n = 0; do { if (path.Length <= n) { close(fd); break; } n++; } while (true); return n;")]
    public async Task InfiniteLoopLeftOnlyByABreakAfterTheClose_Silent(string body)
    {
        await VerifyAsync(body, exceptionPaths: false);
    }

    [Fact]
    public async Task InfiniteLoopWithAReturnBeforeTheClose_Reported()
    {
        await VerifyAsync("""
            int fd = {|#0:open(path, O_CLOEXEC)|};
                    int n = 0;
                    while (true)
                    {
                        if (n > 3) { close(fd); break; }
                        if (path.Length == n) {|#1:return -1;|}
                        n++;
                    }

                    return n;
            """, exceptionPaths: false, LeakedOnAPath("open"));
    }

    [Theory]
    // Every failure test form: the failed side is no path.
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd == -1) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (-1 == fd) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd is < 0) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd is -1 or < -1) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (!(fd >= 0)) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd <= 0) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd >= 0) { close(fd); return 0; } return -1;")]
    [InlineData("int fd; if ((fd = open(path, O_CLOEXEC)) < 0) return -1; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0 || path.Length == 0) { if (fd >= 0) close(fd); return -1; } close(fd); return 0;")]
    [InlineData("int* fds = stackalloc int[2]; int rc = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds); if (rc != 0) return -1; close(fds[0]); close(fds[1]); return 0;")]
    [InlineData("int* fds = stackalloc int[2]; if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) return -1; close(fds[0]); close(fds[1]); return 0;")]
    [InlineData("int[] fds = new int[2]; if (pipe2(fds, O_CLOEXEC) == -1) return -1; close(fds[0]); close(fds[1]); return 0;")]
    // Both branches close, or a finally does.
    [InlineData("int fd = open(path, O_CLOEXEC); if (path.Length > 3) { close(fd); return 1; } else { close(fd); } return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); try { if (path.Length > 0) return 1; return 2; } finally { close(fd); }")]
    [InlineData("int fd = open(path, O_CLOEXEC); try { if (path.Length > 0) return 1; } finally { if (fd >= 0) close(fd); } return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (path.Length > 3) return fd; close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); switch (path.Length) { case 0: close(fd); return 1; default: close(fd); break; } return 0;")]
    // A throw ends the path while exception paths are off.
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) throw new InvalidOperationException(); if (path.Length == 0) throw new ArgumentException(); close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); try { Use(0); } catch (Exception) { return -1; } close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) return -1; if (path.Length == 0) { Fail(); return -2; } close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (path.Length == 0) { Environment.FailFast(\"bad\"); return -2; } close(fd); return 0;")]
    // Proved without the graph, or by the graph where a loop or a lambda stands between creation and close.
    [InlineData("int fd = open(path, O_CLOEXEC); Func<int> f = () => { return 1; }; close(fd); return f();")]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) throw new InvalidOperationException(); foreach (char c in path) { if (c == 'a') break; } close(fd); return 0;")]
    [InlineData("int rc; int fd = open(path, O_CLOEXEC); if (fd == -1) { rc = -1; return rc; } close(fd); return 0;")]
    // Goes somewhere the rule cannot follow on the other path.
    [InlineData("int fd = open(path, O_CLOEXEC); if (path.Length > 3) { Use(fd); return 1; } close(fd); return 0;")]
    public async Task ClosedOrHandedOffOnEveryPath_Silent(string body)
    {
        await VerifyAsync(body, exceptionPaths: false);
    }

    [Theory]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; Use(0); close(fd); return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length == 0) throw new ArgumentException(); close(fd); return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; try { Use(0); } catch (Exception) { return -1; } close(fd); return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; try { Use(0); } catch (ArgumentException) { close(fd); throw; } close(fd); return 0;")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length == 0) { Fail(); return -2; } close(fd); return 0;")]
    public async Task ExceptionPathsOn_AThrowBeforeTheCloseIsALeak(string body)
    {
        await VerifyAsync(body, exceptionPaths: false);
        await VerifyAsync(body, exceptionPaths: true, LeakedOnAPath("open", throughMarkedExit: false));
    }

    [Theory]
    [InlineData("int fd = open(path, O_CLOEXEC); if (fd < 0) throw new InvalidOperationException(); try { Use(0); } finally { close(fd); } return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); try { Use(0); } catch { close(fd); throw; } close(fd); return 0;")]
    [InlineData("int fd = open(path, O_CLOEXEC); byte b; read(fd, &b, 1); close(fd); return b;")]
    [InlineData("int fd = open(path, O_CLOEXEC); try { Use(0); } catch (ArgumentException) { close(fd); throw; } catch (Exception) { close(fd); return -1; } close(fd); return 0;")]
    public async Task ExceptionPathsOn_ReleasedByAFinallyOrEveryHandler_Silent(string body)
    {
        await VerifyAsync(body, exceptionPaths: true);
    }
}
