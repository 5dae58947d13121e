using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0111 and SPG0112: what a method's frames may carry in descriptors must be known, and fit in one
/// frame (253); SPG0101 for handles where they cannot travel.</summary>
public class DescriptorLimitTests
{
    [Fact]
    public Task ArrayOfHandlesWithoutAMaximum_Reported()
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = """
                using System.Net.Sockets;
                using Microsoft.Win32.SafeHandles;

                [SocketPairChannel]
                public partial interface IIndexer
                {
                    int Index({|#0:SafeFileHandle[] files|});

                    {|#1:Socket[]|} Accept(int count);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0111", 0, "Parameter 'files'", "Index", "has no [MaxDescriptors(n)]"));
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0111", 1, "The result", "Accept", "has no [MaxDescriptors(n)]"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(254)]
    [InlineData(-1)]
    public Task MaximumOutOfRange_Reported(int maximum)
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = $$"""
                using Microsoft.Win32.SafeHandles;

                [SocketPairChannel]
                public partial interface IIndexer
                {
                    int Index({|#0:[MaxDescriptors({{maximum}})] SafeFileHandle[] files|});
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0111", 0, "Parameter 'files'", "Index",
            $"declares [MaxDescriptors({maximum})]; the maximum must be 1 to 253"));
        return test.RunAsync();
    }

    [Fact]
    public Task ArgumentsOverOneFrame_Reported_ResultAtTheLimit_NotReported()
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = """
                using System.Net.Sockets;
                using Microsoft.Win32.SafeHandles;

                [SocketPairChannel]
                public partial interface IArchiver
                {
                    void {|#0:Pack|}([MaxDescriptors(200)] SafeFileHandle[] inputs, [MaxDescriptors(53)] SafeFileHandle[] outputs, Socket log);

                    [return: MaxDescriptors(253)]
                    SafeFileHandle[] Unpack(int count);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0112", 0, "Pack", "arguments", 254, 253));
        return test.RunAsync();
    }

    [Fact]
    public Task HandlesWhereTheyCannotTravel_Reported()
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = """
                using Microsoft.Win32.SafeHandles;

                [SocketPairChannel]
                public partial interface IHolder
                {
                    void Keep({|#0:(SafeFileHandle, int)|} pair);

                    void Many({|#1:SafeFileHandle[][]|} files);

                    void Memory({|#2:ReadOnlyMemory<SafeFileHandle>|} files);

                    void Channel({|#3:ChannelEnd<INotAContract>|} end);
                }

                public interface INotAContract
                {
                }
                """,
        };
        const string Where = "a handle travels only as a parameter, a result, or an element of a single array of handles";
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0101", 0, "Parameter 'pair'", "Keep", "(SafeFileHandle, int)", Where));
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0101", 1, "Parameter 'files'", "Many", "SafeFileHandle[][]", Where));
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0101", 2, "Parameter 'files'", "Memory", "ReadOnlyMemory<SafeFileHandle>", Where));
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0101", 3, "Parameter 'end'", "Channel", "ChannelEnd<INotAContract>",
            "the contract of a channel end (INotAContract) must be a valid [SocketPairChannel] interface"));
        return test.RunAsync();
    }

    [Fact]
    public Task EveryHandleShape_Valid()
    {
        return new ContractAnalyzerTest
        {
            TestCode = """
                using System.Net.Sockets;
                using Microsoft.Win32.SafeHandles;

                [SocketPairChannel]
                public partial interface ISandbox
                {
                    long Measure(SafeFileHandle file);

                    string? Describe(SafeFileHandle? file);

                    int Scan([MaxDescriptors(16)] SafeFileHandle?[]? files, [MaxDescriptors(4)] Socket[] sockets, SafeSocketHandle handle);

                    [return: MaxDescriptors(8)]
                    Task<SafeFileHandle[]> OpenAllAsync(string pattern, CancellationToken cancellationToken);

                    ChannelEnd<ISandbox> Fork(ChannelEnd<ISession>? session);
                }

                [SocketPairChannel]
                public partial interface ISession
                {
                    ChannelEnd<ISandbox> Back();
                }
                """,
        }.RunAsync();
    }
}
