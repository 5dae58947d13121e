using Microsoft.CodeAnalysis.Testing;
using Test = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw.RawLeaksCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorLeakAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.WrapInSafeHandleCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

public class WrapInSafeHandleCodeFixProviderTests
{
    private static DiagnosticResult Leaked(string function, int location = 0) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(location).WithArguments(function, "never closed nor handed to an owner in this method");

    /// <summary>The diagnostic stays and no fix changes the source.</summary>
    private static Task NoFixAsync(string source, DiagnosticResult expected)
    {
        var test = new Test(source, source, expected);
        test.FixedState.ExpectedDiagnostics.Add(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task OpenDeclaration_WrappedInASafeFileHandle()
    {
        await new Test("""
            unsafe class C
            {
                int M(string path)
                {
                    int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    byte b;
                    read(fd, &b, 1);
                    return b;
                }
            }
            """, """
            unsafe class C
            {
                int M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    using var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((nint)fd, ownsHandle: true);
                    if (fd < 0) return -1;
                    byte b;
                    read(fd, &b, 1);
                    return b;
                }
            }
            """, Leaked("open")).RunAsync();
    }

    [Fact]
    public async Task SocketAndAccept4Declarations_WrappedInSafeSocketHandles_FixAll()
    {
        await new Test("""
            class C
            {
                void M(int listener)
                {
                    int server = {|#0:socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)|};
                    int client = {|#1:accept4(listener, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC)|};
                }
            }
            """, """
            class C
            {
                void M(int listener)
                {
                    int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                    using var serverHandle = new System.Net.Sockets.SafeSocketHandle((nint)server, ownsHandle: true);
                    int client = accept4(listener, IntPtr.Zero, IntPtr.Zero, SOCK_CLOEXEC);
                    using var clientHandle = new System.Net.Sockets.SafeSocketHandle((nint)client, ownsHandle: true);
                }
            }
            """, Leaked("socket"), Leaked("accept4", 1)).RunAsync();
    }

    [Theory]
    [InlineData("int fd; fd = {|#0:open(path, O_CLOEXEC)|};")]
    [InlineData("int fdHandle = 0; int fd = {|#0:open(path, O_CLOEXEC)|};")]
    [InlineData("switch (path.Length) { case 0: int fd = {|#0:open(path, O_CLOEXEC)|}; break; }")]
    public async Task NoDeclarationStatementOrNameTaken_NoFix(string body)
    {
        string source = "class C\n{\n    void M(string path)\n    {\n        " + body + "\n    }\n}\n";
        await NoFixAsync(source, Leaked("open"));
    }

    [Fact]
    public async Task PipeArray_NoFix()
    {
        const string Source = """
            class C
            {
                void M()
                {
                    int[] fds = new int[2];
                    {|#0:pipe2(fds, O_CLOEXEC)|};
                }
            }
            """;
        await NoFixAsync(Source, Leaked("pipe2"));
    }

    private static DiagnosticResult LeakedOnAPath(string function) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithLocation(1)
            .WithArguments(function, "not closed nor handed to an owner on every path out of this method");

    [Fact]
    public async Task ClosedOnSomePaths_WrappedAndEveryCloseStatementDisposesTheHandle()
    {
        await new Test("""
            unsafe class C
            {
                int M(string path)
                {
                    int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC)|};
                    if (fd < 0) return -1;
                    byte b;
                    if (read(fd, &b, 1) != 1)
                    {
                        {|#1:return -2;|}
                    }

                    if (b == 0)
                    {
                        close(fd);
                        return 0;
                    }

                    close(fd);
                    return b;
                }
            }
            """, """
            unsafe class C
            {
                int M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    using var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((nint)fd, ownsHandle: true);
                    if (fd < 0) return -1;
                    byte b;
                    if (read(fd, &b, 1) != 1)
                    {
                        return -2;
                    }

                    if (b == 0)
                    {
                        fdHandle.Dispose();
                        return 0;
                    }

                    fdHandle.Dispose();
                    return b;
                }
            }
            """, LeakedOnAPath("open")).RunAsync();
    }

    [Theory]
    // Handed off on one path: a handle disposed at the end of the scope would close what the owner holds.
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length > 1) return fd; {|#1:return 0;|}")]
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length > 1) Adopt(fd); {|#1:return 0;|}")]
    // A close whose result is used is not a statement the fix can turn into a disposal.
    [InlineData("int fd = {|#0:open(path, O_CLOEXEC)|}; if (fd < 0) return -1; if (path.Length > 1 && close(fd) != 0) return -2; {|#1:return 0;|}")]
    public async Task HandedOffOrClosedInAnExpression_NoFix(string body)
    {
        string source = "class C\n{\n    int M(string path)\n    {\n        " + body + "\n    }\n\n    static void Adopt([SocketPairGen.TakesOwnership] int fd) { }\n}\n";
        await NoFixAsync(source, LeakedOnAPath("open"));
    }
}
