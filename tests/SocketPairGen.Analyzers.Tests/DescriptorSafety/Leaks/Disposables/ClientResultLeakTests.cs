using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables.DisposablesAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DisposableLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

/// <summary>
/// SPG0011 on a call of a generated client (or of the contract itself) that returns a descriptor: the caller owns the
/// copy the kernel made for it, so the result is followed as a <c>SocketPair.Create()</c> is.
/// </summary>
public class ClientResultLeakTests
{
    private static DiagnosticResult Leaked(string what, int location = 0) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(location).WithArguments(what, "never disposed nor handed off in this method");

    [Fact]
    public async Task HandleResultDiscarded_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(IFoo.Client client, IFoo foo)
                {
                    {|#0:client.Open("a")|};
                    _ = {|#1:client.Accept()|};
                    {|#2:foo.AcceptHandle()|};
                    _ = {|#3:foo.Fork()|};
                }
            }
            """,
            Leaked("SafeFileHandle (the result of 'IFoo.Open')", 0),
            Leaked("Socket (the result of 'IFoo.Accept')", 1),
            Leaked("SafeSocketHandle (the result of 'IFoo.AcceptHandle')", 2),
            Leaked("ChannelEnd<IFoo> (the result of 'IFoo.Fork')", 3));
    }

    [Fact]
    public async Task HandleResultInALocalNeverDisposed_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                long M(IFoo.Client client, IFoo foo)
                {
                    var file = {|#0:client.Open("a")|};
                    Socket socket = {|#1:foo.Accept()|};
                    socket.Send(new byte[1]);
                    ChannelEnd<IFoo> end;
                    end = {|#2:client.Fork()|};
                    Console.WriteLine(end.IsOpen);
                    return RandomAccess.GetLength(file);
                }
            }
            """,
            Leaked("SafeFileHandle (the result of 'IFoo.Open')", 0),
            Leaked("Socket (the result of 'IFoo.Accept')", 1),
            Leaked("ChannelEnd<IFoo> (the result of 'IFoo.Fork')", 2));
    }

    [Fact]
    public async Task AwaitedResultDiscardedOrNeverDisposed_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                async Task<int> M(IFoo.Client client)
                {
                    await {|#0:client.OpenAsync("a")|};
                    var socket = await {|#1:client.AcceptAsync()|}.ConfigureAwait(false);
                    return socket?.Available ?? 0;
                }
            }
            """,
            Leaked("SafeFileHandle (the result of 'IFoo.OpenAsync')", 0),
            Leaked("Socket (the result of 'IFoo.AcceptAsync')", 1));
    }

    [Fact]
    public async Task DisposedOrHandedOffEveryWay_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private SafeFileHandle? _kept;
                private Socket? _socket;

                void Using(IFoo.Client client) { using var file = client.Open("a"); using (var socket = client.Accept()) { } }
                void Disposed(IFoo foo) { var file = foo.Open("a"); RandomAccess.GetLength(file); file.Dispose(); }
                void Finally(IFoo foo) { var file = foo.Open("a"); try { RandomAccess.GetLength(file); } finally { file.Dispose(); } }
                SafeFileHandle Returned(IFoo.Client client) { var file = client.Open("a"); return file; }
                SafeFileHandle Directly(IFoo.Client client) => client.Open("a");
                void Field(IFoo.Client client) { var file = client.Open("a"); _kept = file; }
                Stream Passed(IFoo.Client client) { var file = client.Open("a"); return new FileStream(file, FileAccess.Read); }
                void Connected(IFoo.Client client) { var end = client.Fork(); using var session = IFoo.Connect(end); }
                Task Served(IFoo.Client client, IFoo foo) { var end = client.Fork(); return IFoo.ServeAsync(end, foo); }
                void Taken(IFoo.Client client) { var end = client.Fork(); _socket = end.TakeSocket(); }
                void NullTested(IFoo.Client client)
                {
                    var file = client.TryOpen("a");
                    if (file is null) return;
                    file.Dispose();
                }
                void NullCompared(IFoo.Client client)
                {
                    var file = client.TryOpen("a");
                    if (file == null) return;
                    using (file) { }
                }
                async Task AwaitedWithUsing(IFoo.Client client)
                {
                    using var file = await client.OpenAsync("a");
                    using var socket = await client.AcceptAsync().ConfigureAwait(false);
                }
                async Task AwaitedDisposed(IFoo.Client client) { var socket = await client.AcceptAsync(); socket?.Dispose(); }
            }
            """);
    }

    [Fact]
    public async Task CallsThatAreNotAClientsHandle_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                Task<SafeFileHandle> NotAwaited(IFoo.Client client) { var task = client.OpenAsync("a"); _ = client.OpenAsync("b"); return task; }
                void Arrays(IFoo.Client client) { client.OpenAll("*"); var files = client.OpenAll("*"); }
                void NotAContract(IPlain plain) { plain.Open("a"); var file = plain.Open("b"); }
                void AServerCalledDirectly(Server server) { server.Open("a"); }
                int NotAHandle(IFoo.Client client) => client.Add(1, 2);
            }

            /// <summary>A server: what it returns is the channel's to send; a decorator hands its inner result on.</summary>
            sealed class Server(IFoo inner) : IFoo
            {
                public int Add(int a, int b) => inner.Add(a, b);
                public SafeFileHandle Open(string path) => File.OpenHandle(path);
                public SafeFileHandle? TryOpen(string path) { var file = inner.TryOpen(path); return file; }
                public Socket Accept() => inner.Accept();
                public SafeSocketHandle AcceptHandle() { return inner.AcceptHandle(); }
                public ChannelEnd<IFoo> Fork() => inner.Fork();
                public Task<SafeFileHandle> OpenAsync(string path) => inner.OpenAsync(path);
                public async ValueTask<Socket?> AcceptAsync() => await inner.AcceptAsync();
                public SafeFileHandle[] OpenAll(string pattern) => inner.OpenAll(pattern);
                public void Attach(ChannelEnd<IFoo> end) => inner.Attach(end);
            }
            """);
    }

    [Fact]
    public async Task InGeneratedCode_NotReported()
    {
        var test = new DisposablesAnalyzerTest<DisposableLeakAnalyzer>("""
            class Written
            {
                void M(IFoo.Client client) => {|#0:client.Open("a")|};
            }
            """);
        test.TestState.Sources.Add(("/0/Generated.g.cs", """
            // <auto-generated/>
            class Generated
            {
                void M(IFoo.Client client) => client.Open("a");
            }
            """));
        test.ExpectedDiagnostics.Add(Leaked("SafeFileHandle (the result of 'IFoo.Open')"));
        await test.RunAsync();
    }
}
