using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.AfterwardsAndPeerCredentials;

public class FoldCloseOnExecCodeFixProviderTests
{
    /// <summary>SPG0008 on the fcntl at markup <paramref name="fcntl"/>, created by the call at <paramref name="creator"/>.</summary>
    private static DiagnosticResult Afterwards(int fcntl, int creator, string function) =>
        new DiagnosticResult(Descriptors.CloseOnExecSetAfterwards).WithLocation(fcntl).WithLocation(creator).WithArguments(function);

    private static AfterwardsCodeFixTest<CloseOnExecAfterwardsAnalyzer, FoldCloseOnExecCodeFixProvider> Test(
        string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new AfterwardsCodeFixTest<CloseOnExecAfterwardsAnalyzer, FoldCloseOnExecCodeFixProvider>(source, fixedSource);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    [Fact]
    public async Task OpenThenFcntl_FlagFoldedIntoOpenAndFcntlRemoved()
    {
        await Test("""
            class C
            {
                void M(string path)
                {
                    int fd = {|#1:open(path, O_RDONLY)|};
                    {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                    Console.WriteLine(fd);
                }
            }
            """, """
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    Console.WriteLine(fd);
                }
            }
            """, Afterwards(0, 1, "open")).RunAsync();
    }

    [Fact]
    public async Task SocketpairWithBothEndsCheckedInIfs_OneFixFoldsTheFlagAndRemovesBothIfs()
    {
        await Test("""
            unsafe class C
            {
                void M()
                {
                    int* fds = stackalloc int[2];
                    if ({|#1:socketpair(AF_UNIX, SOCK_STREAM, 0, fds)|} != 0) throw new IOException();
                    if ({|#0:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|} < 0) throw new IOException();
                    if ({|#2:fcntl(fds[1], F_SETFD, FD_CLOEXEC)|} < 0)
                    {
                        throw new IOException();
                    }

                    Console.WriteLine(fds[0]);
                }
            }
            """, """
            unsafe class C
            {
                void M()
                {
                    int* fds = stackalloc int[2];
                    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) throw new IOException();

                    Console.WriteLine(fds[0]);
                }
            }
            """, Afterwards(0, 1, "socketpair"), Afterwards(2, 1, "socketpair")).RunAsync();
    }

    [Fact]
    public async Task QualifiedFlags_TheSiblingConstantIsUsed()
    {
        await Test("""
            using System.Runtime.InteropServices;

            static class Sys
            {
                public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;

                [DllImport("libc.so.6", EntryPoint = "socket")] public static extern int Socket(int domain, int type, int protocol);
            }

            class C
            {
                void M()
                {
                    int fd = {|#1:Sys.Socket(Sys.AF_INET, Sys.SOCK_STREAM, 0)|};
                    _ = {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, """
            using System.Runtime.InteropServices;

            static class Sys
            {
                public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;

                [DllImport("libc.so.6", EntryPoint = "socket")] public static extern int Socket(int domain, int type, int protocol);
            }

            class C
            {
                void M()
                {
                    int fd = Sys.Socket(Sys.AF_INET, Sys.SOCK_STREAM | Sys.SOCK_CLOEXEC, 0);
                }
            }
            """, Afterwards(0, 1, "socket")).RunAsync();
    }

    [Fact]
    public async Task NoNamedConstant_LiteralWithItsName()
    {
        await Test("""
            class C
            {
                void M()
                {
                    int memfd = {|#1:memfd_create("buffer", 0)|};
                    {|#0:fcntl(memfd, F_SETFD, FD_CLOEXEC)|};
                    int eventFd = {|#3:eventfd(0, O_NONBLOCK)|};
                    {|#2:fcntl(eventFd, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, """
            class C
            {
                void M()
                {
                    int memfd = memfd_create("buffer", 1 /* MFD_CLOEXEC */);
                    int eventFd = eventfd(0, O_NONBLOCK | 0x80000 /* EFD_CLOEXEC */);
                }
            }
            """, Afterwards(0, 1, "memfd_create"), Afterwards(2, 3, "eventfd")).RunAsync();
    }

    [Fact]
    public async Task FixAllAcrossMethodsAndDocuments_EveryCreatorFixed()
    {
        const string second = """
            class D
            {
                void N(string path)
                {
                    int fd = {|#5:open(path, O_RDWR)|};
                    {|#4:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """;
        const string secondFixed = """
            class D
            {
                void N(string path)
                {
                    int fd = open(path, O_RDWR | O_CLOEXEC);
                }
            }
            """;
        var test = Test("""
            class C
            {
                void M(string path)
                {
                    int fd = {|#1:open(path, O_RDONLY)|};
                    {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                }

                void N()
                {
                    int[] fds = new int[2];
                    {|#3:pipe2(fds, 0)|};
                    {|#2:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|};
                    {|#6:fcntl(fds[1], F_SETFD, FD_CLOEXEC)|};
                }
            }
            """, """
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                }

                void N()
                {
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                }
            }
            """, Afterwards(0, 1, "open"), Afterwards(2, 3, "pipe2"), Afterwards(6, 3, "pipe2"));
        test.TestState.Sources.Add(("/0/Second.cs", second));
        test.FixedState.Sources.Add(("/0/Second.cs", secondFixed));
        test.ExpectedDiagnostics.Add(Afterwards(4, 5, "open"));
        await test.RunAsync();
    }

    [Fact]
    public async Task CreatorWithoutFlagsParameter_NotOffered()
    {
        const string source = """
            class C
            {
                void M(int other)
                {
                    int[] fds = new int[2];
                    {|#1:pipe(fds)|};
                    {|#0:fcntl(fds[0], F_SETFD, FD_CLOEXEC)|};
                    int copy = {|#3:dup(other)|};
                    {|#2:fcntl(copy, F_SETFD, FD_CLOEXEC)|};
                }
            }
            """;
        var test = Test(source, source, Afterwards(0, 1, "pipe"), Afterwards(2, 3, "dup"));
        test.FixedState.ExpectedDiagnostics.AddRange([Afterwards(0, 1, "pipe"), Afterwards(2, 3, "dup")]);
        await test.RunAsync();
    }

    [Fact]
    public async Task FcntlResultUsed_NotOffered()
    {
        const string source = """
            class C
            {
                void M(string path)
                {
                    int fd = {|#1:open(path, O_RDONLY)|};
                    int result = {|#0:fcntl(fd, F_SETFD, FD_CLOEXEC)|};
                    Console.WriteLine(result);
                }
            }
            """;
        var test = Test(source, source, Afterwards(0, 1, "open"));
        test.FixedState.ExpectedDiagnostics.Add(Afterwards(0, 1, "open"));
        await test.RunAsync();
    }
}
