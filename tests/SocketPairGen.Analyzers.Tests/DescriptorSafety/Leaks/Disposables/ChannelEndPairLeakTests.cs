using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables.DisposablesAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.DisposableLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

/// <summary>
/// SPG0011 on <c>ChannelEnd&lt;T&gt;.CreatePair()</c>: followed as <c>SocketPair.Create()</c> is, the tuple as a pair
/// and each deconstructed end as a descriptor of its own.
/// </summary>
public class ChannelEndPairLeakTests
{
    private const string Pair = "ChannelEnd<IFoo> pair";

    private static DiagnosticResult Leaked(int location = 0) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(location).WithArguments(Pair, "never disposed nor handed off in this method");

    [Fact]
    public async Task CreatePairDiscarded_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    {|#0:ChannelEnd<IFoo>.CreatePair()|};
                    _ = {|#1:ChannelEnd<IFoo>.CreatePair()|};
                }
            }
            """, Leaked(0), Leaked(1));
    }

    [Fact]
    public async Task DeconstructedWithAnEndNeverDisposedOrDiscarded_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    var (a, b) = {|#0:ChannelEnd<IFoo>.CreatePair()|};
                    using var client = IFoo.Connect(a);
                    Console.WriteLine(b.IsOpen);
                    (ChannelEnd<IFoo> c, _) = {|#1:ChannelEnd<IFoo>.CreatePair()|};
                    c.Dispose();
                }
            }
            """, Leaked(0), Leaked(1));
    }

    [Fact]
    public async Task TupleInALocalWhoseEndsAreOnlyRead_Reported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                bool M()
                {
                    var ends = {|#0:ChannelEnd<IFoo>.CreatePair()|};
                    return ends.First.IsOpen && ends.Second != null;
                }
            }
            """, Leaked());
    }

    [Fact]
    public async Task EndsDisposedOrHandedOffEveryWay_NotReported()
    {
        await Verify.VerifyAsync("""
            class C
            {
                private ChannelEnd<IFoo>? _kept;
                private Socket? _socket;

                void Disposed() { var (a, b) = ChannelEnd<IFoo>.CreatePair(); using (a) using (b) { } }
                void UsingDeclarations() { var (a, b) = ChannelEnd<IFoo>.CreatePair(); using var first = a; using var second = b; }
                Task Served(IFoo foo)
                {
                    var (a, b) = ChannelEnd<IFoo>.CreatePair();
                    using var client = IFoo.Connect(a);
                    return IFoo.ServeAsync(b, foo);
                }
                void SentOnAChannel(IFoo.Client client)
                {
                    // The caller keeps an end it sends: passing it on counts as a hand-off all the same (no guess).
                    var (a, b) = ChannelEnd<IFoo>.CreatePair();
                    client.Attach(b);
                    _kept = a;
                }
                void SocketsTaken() { var (a, b) = ChannelEnd<IFoo>.CreatePair(); _socket = a.TakeSocket(); b.TakeSocket().Dispose(); }
                void IntoAField() { ChannelEnd<IFoo> b; (_kept, b) = ChannelEnd<IFoo>.CreatePair(); b.Dispose(); }
                (ChannelEnd<IFoo>, ChannelEnd<IFoo>) Returned() { var ends = ChannelEnd<IFoo>.CreatePair(); return ends; }
                (ChannelEnd<IFoo> First, ChannelEnd<IFoo> Second) Directly() => ChannelEnd<IFoo>.CreatePair();
                void TupleEndsHandedOff(IFoo foo)
                {
                    var ends = ChannelEnd<IFoo>.CreatePair();
                    using var client = IFoo.Connect(ends.First);
                    _ = IFoo.ServeAsync(ends.Second, foo);
                }
                void TupleEndDisposed() { var ends = ChannelEnd<IFoo>.CreatePair(); ends.First.Dispose(); ends.Second.Dispose(); }
                void TupleEndTaken() { var ends = ChannelEnd<IFoo>.CreatePair(); _socket = ends.First.TakeSocket(); }
                void DisposedWhenStillOpen()
                {
                    var (a, b) = ChannelEnd<IFoo>.CreatePair();
                    using var client = IFoo.Connect(a);
                    if (b.IsOpen)
                    {
                        b.Dispose();
                    }
                }
            }
            """);
    }
}
