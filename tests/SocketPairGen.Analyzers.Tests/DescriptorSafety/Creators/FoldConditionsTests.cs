using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAfterwardsAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.FoldCloseOnExecCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>
/// SPG0008's fold makes the flag unconditional and sets it on every descriptor of the call: it is offered only when
/// the code already did exactly that (every end, on every path where the call succeeded).
/// </summary>
public class FoldConditionsTests
{
    private static DiagnosticResult Afterwards(int fcntl, int creator, string function) =>
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(fcntl).WithLocation(creator).WithArguments(function);

    [Fact]
    public Task FlagSetOnlyWhenAsked_NoFold() => Verify.NoFixAsync("""
        class C
        {
            int Open(string path, bool closeOnExec)
            {
                int fd = {|#1:open(path, O_RDONLY, 0)|};
                if (closeOnExec)
                {
                    {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }

                return fd;
            }
        }
        """, Afterwards(0, 1, "open"));

    [Fact]
    public Task ReturnedBeforeTheFlagOnSomePath_NoFold() => Verify.NoFixAsync("""
        class C
        {
            int Open(string path, bool forChild)
            {
                int fd = {|#1:open(path, O_RDONLY, 0)|};
                if (forChild) return fd;
                {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                return fd;
            }
        }
        """, Afterwards(0, 1, "open"));

    [Fact]
    public Task OnlyTheParentsEndFlagged_NoFold() => Verify.NoFixAsync("""
        unsafe class C
        {
            int Start(int* fds)
            {
                if ({|#1:socketpair(AF_UNIX, SOCK_STREAM, 0, fds)|} != 0) throw new IOException();
                // fds[1] is the child's: it must stay inheritable.
                if ({|#0:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|} < 0) throw new IOException();
                return fds[1];
            }
        }
        """, Afterwards(0, 1, "socketpair"));

    [Fact]
    public Task OneEndFlaggedUnconditionallyTheOtherOnlySometimes_NoFold() => Verify.NoFixAsync("""
        unsafe class C
        {
            void Create(int* fds, bool shareWithChild)
            {
                {|#1:socketpair(AF_UNIX, SOCK_STREAM, 0, fds)|};
                {|#0:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|};
                if (!shareWithChild)
                {
                    {|#2:fcntl(fds[1], F_SETFD, FD_CLOEXEC)|};
                }
            }
        }
        """, Afterwards(0, 1, "socketpair"), Afterwards(2, 1, "socketpair"));

    [Fact]
    public Task FailureCheckBetween_StillFolds() => Verify.VerifyAsync("""
        class C
        {
            int Open(string path)
            {
                int fd = {|#1:open(path, O_RDONLY, 0)|};
                if (fd < 0)
                {
                    throw new IOException(path);
                }

                {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                return fd;
            }
        }
        """, """
        class C
        {
            int Open(string path)
            {
                int fd = open(path, O_RDONLY | O_CLOEXEC, 0);
                if (fd < 0)
                {
                    throw new IOException(path);
                }
                return fd;
            }
        }
        """, Afterwards(0, 1, "open"));

    [Fact]
    public Task BothEndsFlagged_Folds() => Verify.VerifyAsync("""
        unsafe class C
        {
            void Create(int* fds)
            {
                int rc = {|#1:socketpair(AF_UNIX, SOCK_STREAM, 0, fds)|};
                if (rc != 0) throw new IOException();
                {|#0:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|};
                {|#2:fcntl(fds[1], F_SETFD, FD_CLOEXEC)|};
            }
        }
        """, """
        unsafe class C
        {
            void Create(int* fds)
            {
                int rc = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                if (rc != 0) throw new IOException();
            }
        }
        """, Afterwards(0, 1, "socketpair"), Afterwards(2, 1, "socketpair"));
}
