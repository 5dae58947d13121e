using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

public class AddUsingCodeFixProviderTests
{
    private static DiagnosticResult Leaked(string what, int location = 0) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(location).WithArguments(what, "never disposed nor handed off in this method");

    private static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        new DisposablesCodeFixTest<DisposableLeakAnalyzer, AddUsingCodeFixProvider>(source, fixedSource, expected).RunAsync();

    [Fact]
    public async Task SocketPairInASyncMethod_GetsUsing()
    {
        await VerifyAsync("""
            class C
            {
                void M()
                {
                    // the pair
                    var pair = {|#0:SocketPair.Create()|};
                    pair.First.Send(new byte[1]);
                }
            }
            """, """
            class C
            {
                void M()
                {
                    // the pair
                    using var pair = SocketPair.Create();
                    pair.First.Send(new byte[1]);
                }
            }
            """, Leaked("SocketPair"));
    }

    [Fact]
    public async Task InAnAsyncMethod_ChildAndClientGetAwaitUsing_PairGetsUsing_FixAll()
    {
        await VerifyAsync("""
            class C
            {
                async Task<int> M(string path)
                {
                    var pair = {|#0:SocketPair.Create()|};
                    ChildProcess child = {|#1:ChildProcess.Start(path, [])|};
                    var client = {|#2:IFoo.Connect(child.Socket)|};
                    await Task.Yield();
                    return client.Add(pair.First.Available, 2);
                }
            }
            """, """
            class C
            {
                async Task<int> M(string path)
                {
                    using var pair = SocketPair.Create();
                    await using ChildProcess child = ChildProcess.Start(path, []);
                    await using var client = IFoo.Connect(child.Socket);
                    await Task.Yield();
                    return client.Add(pair.First.Available, 2);
                }
            }
            """, Leaked("SocketPair", 0), Leaked("ChildProcess", 1), Leaked("IFoo.Client", 2));
    }

    [Fact]
    public async Task ChildInASyncLambdaOfAnAsyncMethod_GetsUsing()
    {
        await VerifyAsync("""
            class C
            {
                async Task M(string path)
                {
                    Action a = () =>
                    {
                        var child = {|#0:ChildProcess.Start(path, [])|};
                        child.Kill();
                    };
                    await Task.Yield();
                }
            }
            """, """
            class C
            {
                async Task M(string path)
                {
                    Action a = () =>
                    {
                        using var child = ChildProcess.Start(path, []);
                        child.Kill();
                    };
                    await Task.Yield();
                }
            }
            """, Leaked("ChildProcess"));
    }

    [Fact]
    public async Task NoFix_WhenTheLocalIsAssignedAgain_OrTheTypeIsNotDisposable_OrNotAStatementInABlock()
    {
        const string Source = """
            class C
            {
                int M(Socket socket, bool b)
                {
                    var pair = {|#0:SocketPair.Create()|};
                    if (b) pair = null!;
                    IFoo client = {|#1:IFoo.Connect(socket)|};
                    {|#2:SocketPair.Create()|};
                    switch (client.Add(1, 2))
                    {
                        case 3:
                            var other = {|#3:SocketPair.Create()|};
                            break;
                    }

                    return client.Add(1, 2);
                }
            }
            """;
        DiagnosticResult[] expected = [Leaked("SocketPair", 0), Leaked("IFoo.Client", 1), Leaked("SocketPair", 2), Leaked("SocketPair", 3)];
        var test = new DisposablesCodeFixTest<DisposableLeakAnalyzer, AddUsingCodeFixProvider>(Source, Source, expected);
        test.FixedState.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task NoFix_ForTwoVariablesInOneDeclaration_OrAGotoInTheMember_OrAnAsyncDisposableLocalInASyncMethod()
    {
        const string Source = """
            class C
            {
                void Two()
                {
                    SocketPair a = {|#0:SocketPair.Create()|}, b = {|#1:SocketPair.Create()|};
                }

                void Goto(bool again)
                {
                start:
                    var pair = {|#2:SocketPair.Create()|};
                    if (again) goto start;
                }

                void Sync(string path)
                {
                    IAsyncDisposable child = {|#3:ChildProcess.Start(path, [])|};
                }
            }
            """;
        DiagnosticResult[] expected = [Leaked("SocketPair", 0), Leaked("SocketPair", 1), Leaked("SocketPair", 2), Leaked("ChildProcess", 3)];
        var test = new DisposablesCodeFixTest<DisposableLeakAnalyzer, AddUsingCodeFixProvider>(Source, Source, expected);
        test.FixedState.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static DiagnosticResult LeakedOnAPath(string what) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(0).WithLocation(1)
            .WithArguments(what, "not disposed nor handed off on every path out of this method");

    [Fact]
    public async Task DisposedOnSomePaths_GetsUsing_TheDisposeCallsStay()
    {
        await VerifyAsync("""
            class C
            {
                int M(bool early)
                {
                    var pair = {|#0:SocketPair.Create()|};
                    if (early)
                    {
                        {|#1:return 0;|}
                    }

                    int sent = pair.First.Send(new byte[1]);
                    pair.Dispose();
                    return sent;
                }
            }
            """, """
            class C
            {
                int M(bool early)
                {
                    using var pair = SocketPair.Create();
                    if (early)
                    {
                        return 0;
                    }

                    int sent = pair.First.Send(new byte[1]);
                    pair.Dispose();
                    return sent;
                }
            }
            """, LeakedOnAPath("SocketPair"));
    }

    [Fact]
    public async Task HandedOffOnSomePath_NoFix()
    {
        const string Source = """
            class C
            {
                private ChildProcess? _kept;

                void M(string path, bool keep)
                {
                    var child = {|#0:ChildProcess.Start(path, [])|};
                    if (keep)
                    {
                        _kept = child;
                        return;
                    }

                    if (path.Length == 0)
                    {
                        {|#1:return;|}
                    }

                    child.Dispose();
                }
            }
            """;
        DiagnosticResult expected = LeakedOnAPath("ChildProcess");
        var test = new DisposablesCodeFixTest<DisposableLeakAnalyzer, AddUsingCodeFixProvider>(Source, Source, expected);
        test.FixedState.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }
}
