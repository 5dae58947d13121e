using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes.ClosesAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorClosedTwiceAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

public class DescriptorClosedTwiceAnalyzerTests
{
    /// <summary>SPG0012 on the extra close (markup 0), the earlier release as additional location (markup 1).</summary>
    private static DiagnosticResult ClosedTwice(string place, string how = "closed") =>
        new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(0).WithLocation(1).WithArguments(place, how);

    [Fact]
    public async Task LocalClosedTwiceInOneBlock_ReportedOnTheSecondClose()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    {|#1:close(fd)|};
                    Console.WriteLine("closed");
                    {|#0:close(fd)|};
                }
            }
            """, ClosedTwice("fd"));
    }

    [Fact]
    public async Task ArrayElementClosedTwice_SecondInANestedBlock_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    {|#1:close(fds[1])|};
                    {
                        if ({|#0:close(fds[1])|} != 0) throw new IOException();
                    }
                }
            }
            """, ClosedTwice("fds[1]"));
    }

    [Fact]
    public async Task PointerElementClosedTwice_Reported()
    {
        await Verify.VerifyAsync("""
            unsafe class C
            {
                void M()
                {
                    int* fds = stackalloc int[2];
                    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
                    _ = {|#1:close(fds[0])|};
                    close(fds[1]);
                    _ = {|#0:close(fds[0])|};
                }
            }
            """, ClosedTwice("fds[0]"));
    }

    [Fact]
    public async Task ThreeCloses_SecondAndThirdReportedEachAgainstThePreviousOne()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:close(fd)|};
                    {|#0:close(fd)|};
                    {|#2:close(fd)|};
                }
            }
            """,
            ClosedTwice("fd"),
            new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(2).WithLocation(0).WithArguments("fd", "closed"));
    }

    [Fact]
    public async Task ClosedAfterSafeFileHandleOwnsIt_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    using var handle = {|#1:new SafeFileHandle((IntPtr)fd, ownsHandle: true)|};
                    {|#0:close(fd)|};
                }
            }
            """, ClosedTwice("fd", "handed to an owner"));
    }

    [Fact]
    public async Task ClosedAfterSocketOwnsItThroughSafeSocketHandle_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                Socket M()
                {
                    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                    var connection = new Socket({|#1:new SafeSocketHandle(fd, true)|});
                    {|#0:close(fd)|};
                    return connection;
                }
            }
            """, ClosedTwice("fd", "handed to an owner"));
    }

    [Fact]
    public async Task ClosedAfterAFieldTookIt_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int _fd;

                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:_fd = fd|};
                    {|#0:close(fd)|};
                }
            }
            """, ClosedTwice("fd", "handed to an owner"));
    }

    [Fact]
    public async Task ClosedAfterATakesOwnershipParameterTookIt_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                static void Adopt([TakesOwnership] int fd) { }

                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:Adopt(fd)|};
                    {|#0:close(fd)|};
                }
            }
            """, ClosedTwice("fd", "handed to an owner"));
    }

    [Fact]
    public async Task SafeHandleThatDoesNotOwnIt_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: false);
                    close(fd);
                }
            }
            """);
    }

    [Fact]
    public async Task PassedToAParameterWithoutTakesOwnership_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                static void Use(int fd) { }

                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    Use(fd);
                    close(fd);
                }
            }
            """);
    }

    [Fact]
    public async Task FirstCloseInABranch_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, bool failed)
                {
                    int fd = open(path, O_RDONLY);
                    if (failed)
                    {
                        close(fd);
                        return;
                    }

                    close(fd);
                }
            }
            """);
    }

    [Fact]
    public async Task SecondCloseInABranchAndInItsElse_BothReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, bool again)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:close(fd)|};
                    if (again) {|#0:close(fd)|}; else {|#2:close(fd)|};
                }
            }
            """,
            ClosedTwice("fd"),
            new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(2).WithLocation(1).WithArguments("fd", "closed"));
    }

    [Fact]
    public async Task ClosesInALoopOrAcrossALoop_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, int n)
                {
                    int fd = open(path, O_RDONLY);
                    for (int i = 0; i < n; i++)
                    {
                        close(fd);
                    }

                    close(fd);
                }
            }
            """);
    }

    [Fact]
    public async Task ReassignedBetweenTheCloses_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    close(fd);
                    fd = open(path, O_RDONLY);
                    close(fd);
                }
            }
            """);
    }

    [Fact]
    public async Task ArrayRefilledBetweenTheCloses_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    close(fds[0]);
                    pipe2(fds, O_CLOEXEC);
                    close(fds[0]);
                }
            }
            """);
    }

    [Fact]
    public async Task DifferentElementsOrParameters_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int _fd;

                void M(int[] fds, int fd)
                {
                    close(fds[0]);
                    close(fds[1]);
                    close(fd);
                    close(fd);
                    close(_fd);
                    close(_fd);
                }
            }
            """);
    }

    [Fact]
    public async Task CloseInALambdaOrInACatch_NotReported()
    {
        // Exceptions are not followed: the catch runs only when the try throws.
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    Action later = () => close(fd);
                    close(fd);
                    try
                    {
                        Console.WriteLine();
                    }
                    catch (IOException)
                    {
                        close(fd);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ClosesDecidedByOneFlag_OnlyTheUnconditionalCloseAfterAConditionalOneReported()
    {
        // done || close(fd) and done ? 0 : close(fd) never both close; the last close always follows the second.
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, bool done)
                {
                    int fd = open(path, O_RDONLY);
                    _ = done || close(fd) == 0;
                    int r = done ? 0 : {|#1:close(fd)|};
                    {|#0:close(fd)|};
                }
            }
            """, ClosedTwice("fd"));
    }

    [Fact]
    public async Task MethodWithGoto_FollowedThroughTheJump_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path, bool skip)
                {
                    int fd = open(path, O_RDONLY);
                    if (skip) goto second;
                    {|#1:close(fd)|};
                second:
                    {|#0:close(fd)|};
                }
            }
            """, ClosedTwice("fd"));
    }

    [Fact]
    public async Task ElementOfAParameterOrOfAnArrayCopiedElsewhere_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private int[] _kept = [];

                void M(int[] given)
                {
                    close(given[0]);
                    close(given[0]);
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    _kept = fds;
                    close(fds[1]);
                    close(fds[1]);
                }
            }
            """);
    }

    [Fact]
    public async Task CloseDeclaredUnderAnotherNameByEntryPoint_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                [DllImport("libc.so.6", EntryPoint = "close")]
                private static extern int CloseDescriptor(int fd);

                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:CloseDescriptor(fd)|};
                    {|#0:CloseDescriptor(fd)|};
                }
            }
            """, ClosedTwice("fd"));
    }
}
