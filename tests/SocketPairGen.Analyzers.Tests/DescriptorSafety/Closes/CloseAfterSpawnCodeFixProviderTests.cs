using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

public class CloseAfterSpawnCodeFixProviderTests
{
    private static DiagnosticResult NotClosed(int mapping, int spawn, string place, string function = "posix_spawn") =>
        new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(mapping).WithLocation(spawn).WithArguments(place, function);

    private static ClosesCodeFixTest<SpawnedDescriptorNotClosedAnalyzer, CloseAfterSpawnCodeFixProvider> Test(
        string source, string fixedSource, params DiagnosticResult[] expected) => new(source, fixedSource, expected);

    [Fact]
    public async Task MappedEnd_ClosedRightAfterTheSpawnStatement()
    {
        await Test("""
            unsafe class C
            {
                int M(IntPtr actions, string[] argv)
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fds[1], 3)|};
                    if ({|#1:posix_spawn(out int pid, "/bin/child", actions, IntPtr.Zero, argv, argv)|} != 0) throw new IOException();
                    return pid;
                }
            }
            """, """
            unsafe class C
            {
                int M(IntPtr actions, string[] argv)
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 3);
                    if (posix_spawn(out int pid, "/bin/child", actions, IntPtr.Zero, argv, argv) != 0) throw new IOException();
                    close(fds[1]);
                    return pid;
                }
            }
            """, NotClosed(0, 1, "fds[1]")).RunAsync();
    }

    [Fact]
    public async Task QualifiedSpawn_CloseCalledTheSameWay()
    {
        await Test("""
            class C
            {
                void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = Native.open(path, Native.O_RDONLY);
                    {|#0:Native.posix_spawn_file_actions_adddup2(actions, fd, 0)|};
                    {|#1:Native.posix_spawnp(out _, "cat", actions, IntPtr.Zero, argv, argv)|};
                }
            }
            """, """
            class C
            {
                void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = Native.open(path, Native.O_RDONLY);
                    Native.posix_spawn_file_actions_adddup2(actions, fd, 0);
                    Native.posix_spawnp(out _, "cat", actions, IntPtr.Zero, argv, argv);
                    Native.close(fd);
                }
            }
            """, NotClosed(0, 1, "fd", "posix_spawnp")).RunAsync();
    }

    [Fact]
    public async Task FixAll_ClosesEveryMappedDescriptorOnceAfterTheClosesAlreadyThere()
    {
        var test = Test("""
            class C
            {
                void M(IntPtr actions, string path, string[] argv)
                {
                    int input = open(path, O_RDONLY);
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    {|#0:posix_spawn_file_actions_adddup2(actions, input, 0)|};
                    {|#2:posix_spawn_file_actions_adddup2(actions, fds[1], 1)|};
                    {|#3:posix_spawn_file_actions_adddup2(actions, fds[1], 2)|};
                    {|#1:posix_spawn(out _, "/bin/sh", actions, IntPtr.Zero, argv, argv)|};
                    close(fds[0]);
                }
            }
            """, """
            class C
            {
                void M(IntPtr actions, string path, string[] argv)
                {
                    int input = open(path, O_RDONLY);
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    posix_spawn_file_actions_adddup2(actions, input, 0);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 1);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 2);
                    posix_spawn(out _, "/bin/sh", actions, IntPtr.Zero, argv, argv);
                    close(fds[0]);
                    close(input);
                    close(fds[1]);
                }
            }
            """, NotClosed(0, 1, "input"), NotClosed(2, 1, "fds[1]"), NotClosed(3, 1, "fds[1]"));

        // One fix at a time: 'input', then 'fds[1]' (which clears both of its mappings); Fix All writes the same.
        test.NumberOfIncrementalIterations = 2;
        await test.RunAsync();
    }

    [Fact]
    public async Task NoCloseDeclarationInReach_NoFixOffered()
    {
        const string Source = """
            static class Spawner
            {
                [DllImport("libc")] static extern int open(string path, int flags);
                [DllImport("libc")] static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newfd);
                [DllImport("libc")] static extern int posix_spawn(out int pid, string path, IntPtr actions, IntPtr attributes, string[] argv, string[] envp);

                static void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = open(path, 0);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fd, 0)|};
                    {|#1:posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv)|};
                }
            }
            """;
        var test = new ClosesCodeFixTest<SpawnedDescriptorNotClosedAnalyzer, CloseAfterSpawnCodeFixProvider>(Source, Source, native: false, NotClosed(0, 1, "fd"));
        test.FixedState.ExpectedDiagnostics.Add(NotClosed(0, 1, "fd"));
        await test.RunAsync();
    }

    [Fact]
    public async Task CloseNameMeansSomethingElseHere_NoFixOffered()
    {
        const string Source = """
            class C
            {
                static void close(string reason) { }

                void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = open(path, O_RDONLY);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fd, 0)|};
                    {|#1:posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv)|};
                }
            }
            """;
        var test = Test(Source, Source, NotClosed(0, 1, "fd"));
        test.FixedState.ExpectedDiagnostics.Add(NotClosed(0, 1, "fd"));
        await test.RunAsync();
    }
}
