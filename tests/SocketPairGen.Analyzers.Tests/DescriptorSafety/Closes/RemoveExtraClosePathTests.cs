using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

/// <summary>
/// The SPG0012 fix removes a close only when every path to it has released the descriptor already: the close after a
/// conditional close, or the one in a finally, is the only close on some path, and removing it would leak.
/// </summary>
public class RemoveExtraClosePathTests
{
    private static DiagnosticResult ClosedTwice() =>
        new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(0).WithLocation(1).WithArguments("fd", "closed");

    /// <summary>The diagnostic stays and no fix changes the source.</summary>
    private static Task NoFixAsync(string source)
    {
        var test = new OwnershipCodeFixTest<DescriptorClosedTwiceAnalyzer, RemoveExtraCloseCodeFixProvider>(source, source, ClosedTwice());
        test.FixedState.ExpectedDiagnostics.Add(ClosedTwice());
        return test.RunAsync();
    }

    [Fact]
    public async Task CloseAfterAConditionalClose_ReportedWithoutAFix()
    {
        await NoFixAsync("""
            class C
            {
                void M(string path, bool ok)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (!ok)
                    {
                        {|#1:close(fd)|};
                    }

                    {|#0:close(fd)|};
                }
            }
            """);
    }

    [Fact]
    public async Task CloseInAFinallyAfterACloseInTheTry_ReportedWithoutAFix()
    {
        await NoFixAsync("""
            unsafe class C
            {
                int M(string path)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    try
                    {
                        byte b;
                        read(fd, &b, 1);
                        {|#1:close(fd)|};
                        return b;
                    }
                    finally
                    {
                        {|#0:close(fd)|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CloseAfterAHelperThatClosesOnlySometimes_ReportedWithoutAFix()
    {
        // The helper is not a close on every path: when neither it nor the branch closes, this close is the only one.
        await NoFixAsync("""
            class C
            {
                void M(string path, bool ok, bool eager)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (!ok)
                    {
                        {|#1:close(fd)|};
                    }

                    CloseIf(fd, eager);
                    {|#0:close(fd)|};
                }

                private static void CloseIf(int fd, bool now)
                {
                    if (now)
                    {
                        close(fd);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task CloseAfterCloseOnBothBranches_Removed()
    {
        await new OwnershipCodeFixTest<DescriptorClosedTwiceAnalyzer, RemoveExtraCloseCodeFixProvider>("""
            class C
            {
                void M(string path, bool ok)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (ok)
                    {
                        {|#1:close(fd)|};
                    }
                    else
                    {
                        Console.WriteLine("failed");
                        {|#2:close(fd)|};
                    }

                    {|#0:close(fd)|};
                }
            }
            """, """
            class C
            {
                void M(string path, bool ok)
                {
                    int fd = open(path, O_RDONLY | O_CLOEXEC);
                    if (ok)
                    {
                        close(fd);
                    }
                    else
                    {
                        Console.WriteLine("failed");
                        close(fd);
                    }
                }
            }
            """, new DiagnosticResult(Descriptors.DescriptorClosedTwice).WithLocation(0).WithLocation(2).WithArguments("fd", "closed")).RunAsync();
    }
}
