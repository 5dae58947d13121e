using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes.ClosesAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.SpawnedDescriptorNotClosedAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

public class SpawnedDescriptorNotClosedAnalyzerTests
{
    /// <summary>SPG0020 on the adddup2 (markup 0), the spawn as additional location (markup 1).</summary>
    private static DiagnosticResult NotClosed(string place, string spawn = "posix_spawn", int mapping = 0) =>
        new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(mapping).WithLocation(1).WithArguments(place, spawn);

    [Fact]
    public async Task SocketpairEndMappedAndNeverClosed_ReportedOnTheAdddup2()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                int M(IntPtr actions, string[] argv)
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fds[1], 3)|};
                    {|#1:posix_spawn(out int pid, "/bin/child", actions, IntPtr.Zero, argv, argv)|};
                    close(fds[0]);
                    return pid;
                }
            }
            """, NotClosed("fds[1]"));
    }

    [Fact]
    public async Task LocalFromOpenMappedThenPosixSpawnpInAnIf_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (fd < 0) throw new IOException();
                    if ({|#0:posix_spawn_file_actions_adddup2(actions, fd, 0)|} != 0) throw new IOException();
                    if ({|#1:posix_spawnp(out _, "cat", actions, IntPtr.Zero, argv, argv)|} != 0) throw new IOException();
                }
            }
            """, NotClosed("fd", "posix_spawnp"));
    }

    [Fact]
    public async Task PipeEndMappedTwice_BothMappingsReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(IntPtr actions, string[] argv)
                {
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fds[1], 1)|};
                    {|#2:posix_spawn_file_actions_adddup2(actions, fds[1], 2)|};
                    {|#1:posix_spawn(out _, "/bin/sh", actions, IntPtr.Zero, argv, argv)|};
                    close(fds[0]);
                }
            }
            """, NotClosed("fds[1]"), NotClosed("fds[1]", mapping: 2));
    }

    [Fact]
    public async Task ClosedAfterTheSpawn_NotReported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M(IntPtr actions, string[] argv)
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 3);
                    posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv);
                    close(fds[1]);
                }
            }
            """);
    }

    [Fact]
    public async Task HandedToAnOwner_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int _kept;

                static void Adopt([TakesOwnership] int fd) { }

                SafeFileHandle M(IntPtr actions, string path, string[] argv)
                {
                    int a = open(path, O_RDONLY), b = open(path, O_RDONLY), c = open(path, O_RDONLY), d = open(path, O_RDONLY);
                    using var owned = new SafeFileHandle((IntPtr)a, ownsHandle: true);
                    posix_spawn_file_actions_adddup2(actions, a, 0);
                    posix_spawn_file_actions_adddup2(actions, b, 1);
                    posix_spawn_file_actions_adddup2(actions, c, 2);
                    posix_spawn_file_actions_adddup2(actions, d, 3);
                    posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv);
                    _kept = b;
                    Adopt(c);
                    return new SafeFileHandle((IntPtr)d, true);
                }
            }
            """);
    }

    [Fact]
    public async Task DescriptorFromAParameterOrAField_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int _fd;

                void M(IntPtr actions, int fd, int[] fds, string[] argv)
                {
                    posix_spawn_file_actions_adddup2(actions, fd, 0);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 1);
                    posix_spawn_file_actions_adddup2(actions, _fd, 2);
                    posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv);
                }
            }
            """);
    }

    [Fact]
    public async Task NoSpawnInTheMethod_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(IntPtr actions, string path)
                {
                    int fd = open(path, O_RDONLY);
                    posix_spawn_file_actions_adddup2(actions, fd, 0);
                }
            }
            """);
    }

    [Fact]
    public async Task DescriptorGoesSomewhereUnknown_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                static readonly List<int> Remembered = new();
                static void Remember(int fd) => Remembered.Add(fd);
                static void Remember(int[] fds) => Remembered.AddRange(fds);

                void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = open(path, O_RDONLY);
                    int copy = fd;
                    int other = open(path, O_RDONLY);
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    posix_spawn_file_actions_adddup2(actions, fd, 0);
                    posix_spawn_file_actions_adddup2(actions, other, 1);
                    posix_spawn_file_actions_adddup2(actions, fds[1], 2);
                    posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv);
                    Remember(copy);
                    Remember(other);
                    Remember(fds);
                }
            }
            """);
    }

    [Fact]
    public async Task ReassignedDescriptor_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(IntPtr actions, string path, string[] argv)
                {
                    int fd = open(path, O_RDONLY);
                    fd = open(path, O_RDONLY);
                    posix_spawn_file_actions_adddup2(actions, fd, 0);
                    posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv);
                }
            }
            """);
    }

    [Fact]
    public async Task ClosedInABranchAfterTheSpawn_ReportedAndInALambda_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                Action M(IntPtr actions, string path, string[] argv, bool now)
                {
                    int fd = open(path, O_RDONLY), other = open(path, O_RDONLY);
                    {|#0:posix_spawn_file_actions_adddup2(actions, fd, 0)|};
                    posix_spawn_file_actions_adddup2(actions, other, 1);
                    {|#1:posix_spawn(out _, "/bin/child", actions, IntPtr.Zero, argv, argv)|};
                    if (now) close(fd);
                    return () => close(other);
                }
            }
            """, NotClosed("fd"));
    }
}
