using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

public class RemoveExtraCloseCodeFixProviderTests
{
    private static DiagnosticResult ClosedTwice(int close, int earlier, string place, string how = "closed") =>
        new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(close).WithLocation(earlier).WithArguments(place, how);

    private static ClosesCodeFixTest<DescriptorClosedTwiceAnalyzer, RemoveExtraCloseCodeFixProvider> Test(
        string source, string fixedSource, params DiagnosticResult[] expected) => new(source, fixedSource, expected);

    [Fact]
    public async Task SecondCloseStatement_Removed()
    {
        await Test("""
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:close(fd)|};
                    Console.WriteLine(fd);
                    {|#0:close(fd)|};
                }
            }
            """, """
            class C
            {
                void M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    close(fd);
                    Console.WriteLine(fd);
                }
            }
            """, ClosedTwice(0, 1, "fd")).RunAsync();
    }

    [Fact]
    public async Task CloseAfterAnOwnerAndItsFailureCheck_Removed()
    {
        await Test("""
            class C
            {
                SafeFileHandle M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    var handle = {|#1:new SafeFileHandle((IntPtr)fd, true)|};
                    if ({|#0:close(fd)|} != 0) throw new IOException();
                    return handle;
                }
            }
            """, """
            class C
            {
                SafeFileHandle M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    var handle = new SafeFileHandle((IntPtr)fd, true);
                    return handle;
                }
            }
            """, ClosedTwice(0, 1, "fd", "handed to an owner")).RunAsync();
    }

    [Fact]
    public async Task FixAll_RemovesEveryExtraClose()
    {
        await Test("""
            class C
            {
                void M()
                {
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    {|#1:close(fds[0])|};
                    _ = {|#0:close(fds[0])|};
                    {|#2:close(fds[0])|};
                    {|#4:close(fds[1])|};
                    {|#3:close(fds[1])|};
                }
            }
            """, """
            class C
            {
                void M()
                {
                    int[] fds = new int[2];
                    pipe2(fds, O_CLOEXEC);
                    close(fds[0]);
                    close(fds[1]);
                }
            }
            """,
            ClosedTwice(0, 1, "fds[0]"),
            ClosedTwice(2, 0, "fds[0]"),
            ClosedTwice(3, 4, "fds[1]")).RunAsync();
    }

    [Fact]
    public async Task CloseWhoseResultIsUsed_NoFixOffered()
    {
        var test = Test("""
            class C
            {
                int M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:close(fd)|};
                    int result = {|#0:close(fd)|};
                    return result;
                }
            }
            """, """
            class C
            {
                int M(string path)
                {
                    int fd = open(path, O_RDONLY);
                    {|#1:close(fd)|};
                    int result = {|#0:close(fd)|};
                    return result;
                }
            }
            """, ClosedTwice(0, 1, "fd"));
        test.FixedState.ExpectedDiagnostics.Add(ClosedTwice(0, 1, "fd"));
        await test.RunAsync();
    }
}
