using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.OwnershipAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.SpawnedDescriptorNotClosedAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

/// <summary>
/// SPG0020 follows paths from the spawn: the child's end must be closed on every path after it. Closing it only on
/// the spawn's failure path is the classic bug (the parent keeps the child's end and never sees end of file).
/// </summary>
public class SpawnPathTests
{
    private static DiagnosticResult NotClosed(string place = "fds[1]") =>
        new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(0).WithLocation(1).WithArguments(place, "posix_spawn");

    /// <summary>A launcher in the shape process libraries write: a socketpair, the child's end mapped to fd 3, a spawn.</summary>
    private static string Launcher(string afterSpawn, string spawn = "int rc = {|#1:posix_spawn(out int pid, path, actions, IntPtr.Zero, argv, envp)|};") => $$"""
        unsafe class Launcher
        {
            private int _parentEnd = -1;

            public int Start(string path, IntPtr actions, string[] argv, string[] envp, bool verbose)
            {
                int* fds = stackalloc int[2];
                if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
                {
                    return -1;
                }

                {|#0:posix_spawn_file_actions_adddup2(actions, fds[1], 3)|};
                {{spawn}}
                {{afterSpawn}}
            }
        }
        """;

    [Fact]
    public async Task ChildEndClosedOnlyWhenTheSpawnFailed_Reported()
    {
        await Verify.VerifyAsync(Launcher("""
            if (rc != 0)
                    {
                        close(fds[0]);
                        close(fds[1]);
                        return -rc;
                    }

                    _parentEnd = fds[0];
                    return pid;
            """), NotClosed());
    }

    [Fact]
    public async Task ChildEndClosedOnlyInACatch_Reported()
    {
        await Verify.VerifyAsync(Launcher(
            """
            _parentEnd = fds[0];
                    return pid;
            """,
            """
            int pid;
                    try
                    {
                        if ({|#1:posix_spawn(out pid, path, actions, IntPtr.Zero, argv, envp)|} != 0) throw new IOException("posix_spawn");
                    }
                    catch
                    {
                        close(fds[0]);
                        close(fds[1]);
                        throw;
                    }

            """), NotClosed());
    }

    [Fact]
    public async Task ChildEndClosedOnlyWhenVerbose_Reported()
    {
        await Verify.VerifyAsync(Launcher("""
            _parentEnd = fds[0];
                    if (verbose)
                    {
                        close(fds[1]);
                    }

                    return rc == 0 ? pid : -1;
            """), NotClosed());
    }

    [Theory]
    // A close on each of two exclusive paths.
    [InlineData("if (rc != 0) { close(fds[0]); close(fds[1]); return -1; } close(fds[1]); _parentEnd = fds[0]; return pid;")]
    // Once after the test, whatever it says.
    [InlineData("close(fds[1]); if (rc != 0) { close(fds[0]); return -1; } _parentEnd = fds[0]; return pid;")]
    // In a finally.
    [InlineData("try { if (rc != 0) throw new IOException(\"posix_spawn\"); _parentEnd = fds[0]; return pid; } finally { close(fds[1]); }")]
    public async Task ChildEndClosedOnEveryPathAfterTheSpawn_NotReported(string afterSpawn)
    {
        await Verify.VerifyAsync(Launcher(afterSpawn).Replace("{|#0:", "", StringComparison.Ordinal).Replace("{|#1:", "", StringComparison.Ordinal).Replace(")|}", ")", StringComparison.Ordinal));
    }

    /// <summary>A spawn retried on EAGAIN in <c>while (true)</c>, the child's end closed before the break that ends the retries.</summary>
    [Fact]
    public async Task SpawnRetriedInAnInfiniteLoop_ClosedBeforeTheBreak_NotReported()
    {
        await Verify.VerifyAsync("""
            unsafe class Launcher
            {
                public int Start(string path, IntPtr actions, string[] argv, string[] envp)
                {
                    int* fds = stackalloc int[2];
                    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return -1;
                    posix_spawn_file_actions_adddup2(actions, fds[1], 3);
                    int pid;
                    while (true)
                    {
                        int rc = posix_spawn(out pid, path, actions, IntPtr.Zero, argv, envp);
                        if (rc != 11)
                        {
                            close(fds[1]);
                            break;
                        }
                    }

                    close(fds[0]);
                    return pid;
                }
            }
            """);
    }

    [Fact]
    public async Task SpawnRetriedInALoop_ClosedAfterTheLoop_NotReported()
    {
        await Verify.VerifyAsync("""
            unsafe class Launcher
            {
                public int Start(string path, IntPtr actions, string[] argv, string[] envp)
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 3);
                    int rc, pid;
                    do
                    {
                        rc = posix_spawn(out pid, path, actions, IntPtr.Zero, argv, envp);
                    }
                    while (rc == 11);

                    close(fds[1]);
                    close(fds[0]);
                    return pid;
                }
            }
            """);
    }
}
