using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.CodeFixes.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

/// <summary>
/// SPG0011's <c>Add 'using'</c> on what a channel creates: a descriptor a generated client returns (awaited or not)
/// gets a <c>using</c> declaration; the tuple of <c>ChannelEnd&lt;T&gt;.CreatePair()</c> is not disposable, so no fix.
/// </summary>
public class AddUsingToChannelResultsTests
{
    private static DiagnosticResult Leaked(string what, int location = 0) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(location).WithArguments(what, "never disposed nor handed off in this method");

    [Fact]
    public async Task HandleResultsInSyncAndAsyncMethods_GetUsing_FixAll()
    {
        await new DisposablesCodeFixTest<DisposableLeakAnalyzer, AddUsingCodeFixProvider>("""
            class C
            {
                long Sync(IFoo.Client client)
                {
                    var file = {|#0:client.Open("a")|};
                    ChannelEnd<IFoo> end = {|#1:client.Fork()|};
                    Console.WriteLine(end.IsOpen);
                    return RandomAccess.GetLength(file);
                }

                async Task<int> Async(IFoo.Client client)
                {
                    var file = await {|#2:client.OpenAsync("a")|};
                    var socket = await {|#3:client.AcceptAsync()|}.ConfigureAwait(false);
                    return (socket?.Available ?? 0) + (int)RandomAccess.GetLength(file);
                }
            }
            """, """
            class C
            {
                long Sync(IFoo.Client client)
                {
                    using var file = client.Open("a");
                    using ChannelEnd<IFoo> end = client.Fork();
                    Console.WriteLine(end.IsOpen);
                    return RandomAccess.GetLength(file);
                }

                async Task<int> Async(IFoo.Client client)
                {
                    using var file = await client.OpenAsync("a");
                    using var socket = await client.AcceptAsync().ConfigureAwait(false);
                    return (socket?.Available ?? 0) + (int)RandomAccess.GetLength(file);
                }
            }
            """,
            Leaked("SafeFileHandle (the result of 'IFoo.Open')", 0),
            Leaked("ChannelEnd<IFoo> (the result of 'IFoo.Fork')", 1),
            Leaked("SafeFileHandle (the result of 'IFoo.OpenAsync')", 2),
            Leaked("Socket (the result of 'IFoo.AcceptAsync')", 3)).RunAsync();
    }

    [Fact]
    public async Task ChannelEndPairInALocal_NoFix()
    {
        const string Source = """
            class C
            {
                bool M()
                {
                    var ends = {|#0:ChannelEnd<IFoo>.CreatePair()|};
                    return ends.First.IsOpen;
                }
            }
            """;
        DiagnosticResult expected = Leaked("ChannelEnd<IFoo> pair");
        var test = new DisposablesCodeFixTest<DisposableLeakAnalyzer, AddUsingCodeFixProvider>(Source, Source, expected);
        test.FixedState.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }
}
