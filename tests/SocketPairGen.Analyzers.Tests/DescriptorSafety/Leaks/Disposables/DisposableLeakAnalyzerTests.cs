using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables.DisposablesAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DisposableLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

public class DisposableLeakAnalyzerTests
{
    private static DiagnosticResult Leaked(string what, int location = 0) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(location).WithArguments(what, "never disposed nor handed off in this method");

    [Fact]
    public async Task SocketPairInALocalNeverDisposed_ReportedOnTheCreate()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    var pair = {|#0:SocketPair.Create()|};
                    pair.First.Send(new byte[1]);
                }
            }
            """, Leaked("SocketPair"));
    }

    [Fact]
    public async Task ChildProcessWhoseSocketGoesToConnect_ChildReportedNotTheClient()
    {
        await Verify.VerifyAsync("""
            class C
            {
                int M(string path)
                {
                    var child = {|#0:ChildProcess.Start(path, [])|};
                    using var client = IFoo.Connect(child.Socket);
                    return client.Add(1, 2);
                }
            }
            """, Leaked("ChildProcess"));
    }

    [Fact]
    public async Task ClientInALocalNeverDisposed_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                async Task<int> M(string path)
                {
                    await using var child = ChildProcess.Start(path, []);
                    IFoo client = {|#0:IFoo.Connect(child.Socket)|};
                    return client.Add(1, 2);
                }
            }
            """, Leaked("IFoo.Client"));
    }

    [Fact]
    public async Task InheritedSocketNeverDisposed_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                int M()
                {
                    Socket socket = {|#0:ChildProcess.OpenInheritedSocket()|};
                    return socket.Available;
                }
            }
            """, Leaked("Socket"));
    }

    [Fact]
    public async Task DiscardedResults_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(Socket socket)
                {
                    {|#0:SocketPair.Create()|};
                    _ = {|#1:IFoo.Connect(socket)|};
                }
            }
            """, Leaked("SocketPair", 0), Leaked("IFoo.Client", 1));
    }

    [Fact]
    public async Task AssignedToALocalLater_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    SocketPair pair;
                    pair = {|#0:SocketPair.Create()|};
                    if (pair.First.Connected) pair = null!;
                }
            }
            """, Leaked("SocketPair"));
    }

    [Fact]
    public async Task DisposedEveryWay_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                async Task M(string path)
                {
                    using var a = SocketPair.Create();
                    using (var b = SocketPair.Create()) { }
                    await using var c = ChildProcess.Start(path, []);
                    var d = ChildProcess.Start(path, []);
                    await d.DisposeAsync();
                    var e = SocketPair.Create();
                    e.Dispose();
                    var f = SocketPair.Create();
                    using (f) { }
                    var g = ChildProcess.OpenInheritedSocket();
                    g.Close();
                    var h = SocketPair.Create();
                    h?.Dispose();
                    var i = ChildProcess.Start(path, []);
                    try { } finally { i.Dispose(); }
                }
            }
            """);
    }

    [Fact]
    public async Task HandedOffEveryWay_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private SocketPair? _pair;
                private readonly List<ChildProcess> _children = new();
                SocketPair? Pair { get; set; }

                SocketPair Returned() { var p = SocketPair.Create(); return p; }
                void Field() { var p = SocketPair.Create(); _pair = p; }
                void Property() { var p = SocketPair.Create(); Pair = p; }
                void Out(out SocketPair pair) { var p = SocketPair.Create(); pair = p; }
                void OtherLocal() { var p = SocketPair.Create(); var q = p; q.Dispose(); }
                void Argument(string path) { var c = ChildProcess.Start(path, []); _children.Add(c); }
                void Array() { var p = SocketPair.Create(); var all = new SocketPair[1]; all[0] = p; }
                void Lambda() { var p = SocketPair.Create(); Action a = () => p.Dispose(); }
                void LocalFunction() { var p = SocketPair.Create(); Close(); void Close() => p.Dispose(); }
                IEnumerable<SocketPair> Yield() { var p = SocketPair.Create(); yield return p; }
                void Tuple() { var p = SocketPair.Create(); var t = (p, 1); }
                void Deconstruction() { var (a, b) = SocketPair.Create(); using (a) using (b) { } }
                void DeconstructionHandedOff(IFoo foo) { (Socket a, Socket b) = SocketPair.Create(); using var c = IFoo.Connect(a); _ = IFoo.ServeAsync(b, foo); }
                void DeconstructionIntoAField(Socket a) { Socket b; (a, b) = SocketPair.Create(); _ = (b, 1); }
                void Connect() { var s = ChildProcess.OpenInheritedSocket(); using var client = IFoo.Connect(s); }
                Task Serve(IFoo foo) { var s = ChildProcess.OpenInheritedSocket(); return IFoo.ServeAsync(s, foo); }
                SocketPair Directly() => SocketPair.Create();
                void Constructor() { var p = SocketPair.Create(); var w = new Holder(p); }
                void PairEndsHandedOff(IFoo foo)
                {
                    var p = SocketPair.Create();
                    using var client = IFoo.Connect(p.First);
                    _ = IFoo.ServeAsync(p.Second, foo);
                }

                sealed class Holder(SocketPair pair) { public SocketPair Pair { get; } = pair; }
            }
            """);
    }

    [Fact]
    public async Task SocketOfTheChildDisposed_ChildStillReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(string path)
                {
                    var child = {|#0:ChildProcess.Start(path, [])|};
                    child.Socket.Dispose();
                    child.Kill();
                }
            }
            """, Leaked("ChildProcess"));
    }

    [Fact]
    public async Task DeclaredInsideALambda_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                Func<int> M() => () =>
                {
                    var pair = {|#0:SocketPair.Create()|};
                    return pair.First.Available;
                };
            }
            """, Leaked("SocketPair"));
    }

    [Fact]
    public async Task OtherConnectMethods_NotReported()
    {
        await Verify.VerifyAsync("""
            interface IBar
            {
                static Client Connect() => new();
                sealed class Client : IDisposable { public void Dispose() { } }
            }

            class C
            {
                void M() { var c = IBar.Connect(); }
            }
            """);
    }

    [Fact]
    public async Task DeconstructedPairWithAnEndNeverDisposedOrDiscarded_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M(IFoo foo)
                {
                    var (a, b) = {|#0:SocketPair.Create()|};
                    using var client = IFoo.Connect(a);
                    b.Send(new byte[1]);
                    (Socket c, _) = {|#1:SocketPair.Create()|};
                    c.Dispose();
                    Socket d, e;
                    (d, e) = {|#2:SocketPair.Create()|};
                    d.Dispose();
                }
            }
            """, Leaked("SocketPair", 0), Leaked("SocketPair", 1), Leaked("SocketPair", 2));
    }
}
