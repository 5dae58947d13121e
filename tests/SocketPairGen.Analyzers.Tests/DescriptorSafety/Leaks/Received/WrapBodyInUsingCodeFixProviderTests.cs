using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;
using static SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Received.ReceivedDescriptorLeakAnalyzerTests;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Received;

public class WrapBodyInUsingCodeFixProviderTests
{
    private static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        new ReceivedCodeFixTest<ReceivedDescriptorLeakAnalyzer, WrapBodyInUsingCodeFixProvider>(source, fixedSource, expected).RunAsync();

    [Fact]
    public async Task BlockBody_WrappedInUsing()
    {
        await VerifyAsync("""
            class Store : IFiles
            {
                public void Keep(SafeFileHandle {|#0:file|})
                {
                    // says what it got
                    Console.WriteLine(file.IsAsync);
                    if (file.IsInvalid)
                    {
                        return;
                    }

                    Console.WriteLine("kept");
                }
            }
            """, """
            class Store : IFiles
            {
                public void Keep(SafeFileHandle file)
                {
                    using (file)
                    {
                        // says what it got
                        Console.WriteLine(file.IsAsync);
                        if (file.IsInvalid)
                        {
                            return;
                        }

                        Console.WriteLine("kept");
                    }
                }
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task AsyncMethodAndExplicitImplementation_WrappedInUsing()
    {
        await VerifyAsync("""
            class Store : IAsyncFiles, ISessions
            {
                public async Task KeepAsync(SafeFileHandle {|#0:file|}, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                }

                void ISessions.Open(ChannelEnd<IOther> {|#1:end|})
                {
                }
            }
            """, """
            class Store : IAsyncFiles, ISessions
            {
                public async Task KeepAsync(SafeFileHandle file, CancellationToken cancellationToken)
                {
                    using (file)
                    {
                        await Task.Delay(1, cancellationToken);
                    }
                }

                void ISessions.Open(ChannelEnd<IOther> end)
                {
                    using (end)
                    {
                    }
                }
            }
            """, Leaked("SafeFileHandle", "file", 0), Leaked("ChannelEnd<IOther>", "end", 1));
    }

    [Fact]
    public async Task FixAll_TwoParametersShareOneStack_TwoMethodsEachWrapped()
    {
        await VerifyAsync("""
            class Pairs : IPairs
            {
                public void Both(SafeFileHandle {|#0:first|}, Socket {|#1:second|}, int count)
                {
                    second.Send(new byte[count]);
                }
            }

            class Server : ISockets
            {
                public void Serve(Socket {|#2:socket|})
                {
                    socket.Send(new byte[1]);
                }
            }
            """, """
            class Pairs : IPairs
            {
                public void Both(SafeFileHandle first, Socket second, int count)
                {
                    using (first)
                    using (second)
                    {
                        second.Send(new byte[count]);
                    }
                }
            }

            class Server : ISockets
            {
                public void Serve(Socket socket)
                {
                    using (socket)
                    {
                        socket.Send(new byte[1]);
                    }
                }
            }
            """, Leaked("SafeFileHandle", "first", 0), Leaked("Socket", "second", 1), Leaked("Socket", "socket", 2));
    }

    [Fact]
    public async Task DisposedOnSomePathsOnly_WrappedAndTheDisposalKept()
    {
        await VerifyAsync("""
            class Paths : IPaths
            {
                public int Measure(SafeFileHandle {|#0:file|}, bool early)
                {
                    if (early) { file.Dispose(); return 0; }
                    {|#1:return 1;|}
                }
            }
            """, """
            class Paths : IPaths
            {
                public int Measure(SafeFileHandle file, bool early)
                {
                    using (file)
                    {
                        if (early) { file.Dispose(); return 0; }
                        return 1;
                    }
                }
            }
            """, new DiagnosticResult(Descriptors.ReceivedDescriptorLeaked).WithLocation(0).WithLocation(1)
                .WithArguments("SafeFileHandle", "file", "not disposed nor handed off on every path out of this method"));
    }

    [Fact]
    public async Task NotOffered_HandedOffOnAPath_ExpressionBody_Array()
    {
        const string source = """
            class Paths : IPaths
            {
                private SafeFileHandle? _kept;

                public int Measure(SafeFileHandle {|#0:file|}, bool early)
                {
                    if (early) { _kept = file; return 0; }
                    {|#1:return 1;|}
                }
            }

            class Store : IFiles
            {
                public void Keep(SafeFileHandle {|#2:file|}) => Console.WriteLine("kept");
            }

            class Batches : IBatches
            {
                public void KeepAll(SafeFileHandle[] {|#3:files|}) { }
            }
            """;
        var test = new ReceivedCodeFixTest<ReceivedDescriptorLeakAnalyzer, WrapBodyInUsingCodeFixProvider>(source, source,
            new DiagnosticResult(Descriptors.ReceivedDescriptorLeaked).WithLocation(0).WithLocation(1)
                .WithArguments("SafeFileHandle", "file", "not disposed nor handed off on every path out of this method"),
            Leaked("SafeFileHandle", "file", 2),
            Leaked("SafeFileHandle[]", "files", 3));
        test.FixedState.ExpectedDiagnostics.AddRange(test.TestState.ExpectedDiagnostics);
        await test.RunAsync();
    }
}
