using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.SpawnedDescriptorNotClosedAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.CloseAfterSpawnCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>SPG0020's fix closes the descriptor right after the spawn: not where the parent still needs it there.</summary>
public class CloseAfterSpawnConditionsTests
{
    private static DiagnosticResult NotClosed(int mapping, int spawn, string place) =>
        new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(mapping).WithLocation(spawn).WithArguments(place, "posix_spawn");

    [Fact]
    public Task ParentWritesToTheDescriptorAfterTheSpawn_NoFix() => Verify.NoFixAsync("""
        unsafe class C
        {
            int M(IntPtr actions, string[] argv, byte* greeting)
            {
                int* fds = stackalloc int[2];
                socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                {|#0:posix_spawn_file_actions_adddup2(actions, fds[1], 3)|};
                {|#1:posix_spawn(out int pid, "/bin/child", actions, IntPtr.Zero, argv, argv)|};
                write(fds[1], greeting, (IntPtr)5);
                return pid;
            }
        }
        """, NotClosed(0, 1, "fds[1]"));

    [Fact]
    public Task SpawnInALoopOverTheSameDescriptor_NoFix() => Verify.NoFixAsync("""
        class C
        {
            void M(IntPtr actions, string path, string[] argv, int workers)
            {
                int input = open(path, O_RDONLY | O_CLOEXEC, 0);
                for (int i = 0; i < workers; i++)
                {
                    {|#0:posix_spawn_file_actions_adddup2(actions, input, 0)|};
                    {|#1:posix_spawn(out _, "/bin/worker", actions, IntPtr.Zero, argv, argv)|};
                }
            }
        }
        """, NotClosed(0, 1, "input"));

    [Fact]
    public Task UsedOnlyBeforeTheSpawn_Fixed() => Verify.VerifyAsync("""
        class C
        {
            void M(IntPtr actions, string path, string[] argv)
            {
                int input = open(path, O_RDONLY | O_CLOEXEC, 0);
                {|#0:posix_spawn_file_actions_adddup2(actions, input, 0)|};
                {|#1:posix_spawn(out _, "/bin/cat", actions, IntPtr.Zero, argv, argv)|};
                Console.WriteLine("started");
            }
        }
        """, """
        class C
        {
            void M(IntPtr actions, string path, string[] argv)
            {
                int input = open(path, O_RDONLY | O_CLOEXEC, 0);
                posix_spawn_file_actions_adddup2(actions, input, 0);
                posix_spawn(out _, "/bin/cat", actions, IntPtr.Zero, argv, argv);
                close(input);
                Console.WriteLine("started");
            }
        }
        """, NotClosed(0, 1, "input"));
}
