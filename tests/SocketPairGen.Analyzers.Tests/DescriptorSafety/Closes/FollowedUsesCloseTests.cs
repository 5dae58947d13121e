using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

/// <summary>
/// SPG0012 and SPG0020 follow helpers of the compilation, copies into locals and SafeHandles that do not own the
/// descriptor: a helper that closes is a close, one that only reads is nothing, a copy is the same descriptor.
/// </summary>
public class FollowedUsesCloseTests
{
    private static DiagnosticResult ClosedTwice(string place, string how = "closed") =>
        new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(0).WithLocation(1).WithArguments(place, how);

    private static DiagnosticResult NotClosed(string place) =>
        new DiagnosticResult(Descriptors.SpawnedDescriptorNotClosed).WithLocation(0).WithLocation(1).WithArguments(place, "posix_spawn");

    private const string Helpers = """

            private static void Log(int fd) => Console.WriteLine($"descriptor {fd}");

            private static void CloseQuietly(int fd)
            {
                if (fd < 0) return;
                close(fd);
            }

            private static void Register(Connection connection) { }
        }

        sealed class Connection : IDisposable
        {
            private readonly int _fd;

            public Connection(int fd) => _fd = fd;

            public void Dispose() => close(_fd);
        }
        """;

    [Fact]
    public async Task ClosedAgainAfterAHelperClosedIt_Reported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    Log(fd);
                    {|#1:CloseQuietly(fd)|};
                    {|#0:close(fd)|};
                }
            """ + Helpers, ClosedTwice("fd"));
    }

    [Fact]
    public async Task ClosedAfterAConnectionObjectTookIt_Reported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            class C
            {
                void M(int listener)
                {
                    int fd = accept4(listener, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC);
                    var connection = {|#1:new Connection(fd)|};
                    Register(connection);
                    {|#0:close(fd)|};
                }
            """ + Helpers, ClosedTwice("fd", "handed to an owner"));
    }

    [Fact]
    public async Task ClosedAfterASafeHandleSubclassTookItWithSetHandle_Reported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            class C
            {
                SafeHandle M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    var handle = {|#1:new FdHandle(fd)|};
                    {|#0:close(fd)|};
                    return handle;
                }
            """ + Helpers + """

            sealed class FdHandle : SafeHandle
            {
                public FdHandle(int fd) : base(IntPtr.Zero, ownsHandle: true) => SetHandle((IntPtr)fd);

                public override bool IsInvalid => handle == IntPtr.Zero;

                protected override bool ReleaseHandle() => close((int)handle) == 0;
            }
            """, ClosedTwice("fd", "handed to an owner"));
    }

    [Theory]
    [InlineData("Fd")]
    [InlineData("Descriptor")]
    public async Task ClosedAfterAPropertyOfAnObjectTookIt_Reported(string property)
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync($$"""
            class C
            {
                public int Fd { get; set; }

                private int _descriptor = -1;

                public int Descriptor
                {
                    get => _descriptor;
                    set => _descriptor = value;
                }

                void M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    {|#1:{{property}} = fd|};
                    {|#0:close(fd)|};
                }
            """ + Helpers, ClosedTwice("fd", "handed to an owner"));
    }

    [Fact]
    public async Task EndClosedThroughItsCopyThenThroughTheArray_Reported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            unsafe class C
            {
                void M()
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    int childEnd = fds[1];
                    {|#1:close(childEnd)|};
                    close(fds[0]);
                    {|#0:close(fds[1])|};
                }
            """ + Helpers, ClosedTwice("fds[1]"));
    }

    [Fact]
    public async Task ClosedAfterOnlyBeingLoggedOrBorrowed_NotReported()
    {
        await OwnershipAnalyzerTest<DescriptorClosedTwiceAnalyzer>.VerifyAsync("""
            class C
            {
                int M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    Log(fd);
                    using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: false);
                    using var stream = new FileStream(handle, FileAccess.Read);
                    int first = stream.ReadByte();
                    close(fd);
                    return first;
                }
            """ + Helpers);
    }

    [Fact]
    public async Task ChildEndMappedThroughACopyAndOnlyLogged_Reported()
    {
        await OwnershipAnalyzerTest<SpawnedDescriptorNotClosedAnalyzer>.VerifyAsync("""
            unsafe class C
            {
                int M(IntPtr actions, string[] argv)
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    int parentEnd = fds[0];
                    int childEnd = fds[1];
                    Log(childEnd);
                    {|#0:posix_spawn_file_actions_adddup2(actions, childEnd, 3)|};
                    {|#1:posix_spawn(out int pid, "/usr/bin/worker", actions, IntPtr.Zero, argv, argv)|};
                    CloseQuietly(parentEnd);
                    return pid;
                }
            """ + Helpers, NotClosed("childEnd"));
    }

    [Fact]
    public async Task ChildEndClosedByAHelperAfterTheSpawn_NotReported()
    {
        await OwnershipAnalyzerTest<SpawnedDescriptorNotClosedAnalyzer>.VerifyAsync("""
            unsafe class C
            {
                int M(IntPtr actions, string[] argv)
                {
                    Span<int> fds = stackalloc int[2];
                    fixed (int* p = fds)
                    {
                        socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p);
                    }

                    int childEnd = fds[1];
                    posix_spawn_file_actions_adddup2(actions, childEnd, 3);
                    posix_spawn(out int pid, "/usr/bin/worker", actions, IntPtr.Zero, argv, argv);
                    CloseQuietly(fds[1]);
                    return pid;
                }
            """ + Helpers);
    }
}
