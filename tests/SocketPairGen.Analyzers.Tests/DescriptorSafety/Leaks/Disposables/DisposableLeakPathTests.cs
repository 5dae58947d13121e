using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

/// <summary>
/// SPG0011 follows paths: an object disposed on some paths only is reported with the leaking <c>return</c> as the
/// second location; exception paths count only with the .editorconfig option.
/// </summary>
public class DisposableLeakPathTests
{
    private const string SomePath = "not disposed nor handed off on every path out of this method";

    private static string InClass(string body) => $$"""
        class C
        {
            private SocketPair? _kept;
            private readonly IFoo _foo = null!;

            SocketPair? M(string path, bool early)
            {
                {{body}}
            }

            static void Use(int value) => Console.WriteLine(value);
        }
        """;

    private static Task VerifyAsync(string body, bool exceptionPaths, params DiagnosticResult[] expected)
    {
        var test = new DisposablesAnalyzerTest<DisposableLeakAnalyzer>(InClass(body));
        if (exceptionPaths)
        {
            test.TestState.AnalyzerConfigFiles.Add(ExceptionPathsConfig.EditorConfig);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult LeakedOnAPath(string what, bool throughMarkedExit = true)
    {
        DiagnosticResult result = new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(0).WithArguments(what, SomePath);
        return throughMarkedExit ? result.WithLocation(1) : result.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
    }

    [Theory]
    [InlineData("SocketPair", "var pair = {|#0:SocketPair.Create()|}; if (early) {|#1:return null;|} pair.Dispose(); return null;")]
    [InlineData("ChildProcess", "var child = {|#0:ChildProcess.Start(path, [])|}; if (early) {|#1:return null;|} child.Dispose(); return null;")]
    [InlineData("SocketPair", "var pair = {|#0:SocketPair.Create()|}; if (early) { pair.Dispose(); } {|#1:return null;|}")]
    [InlineData("SocketPair", "var pair = {|#0:SocketPair.Create()|}; if (early) { _kept = pair; return null; } else if (path.Length > 0) {|#1:return null;|} pair.Dispose(); return null;")]
    [InlineData("SocketPair", "var (a, b) = {|#0:SocketPair.Create()|}; a.Dispose(); if (early) {|#1:return null;|} b.Dispose(); return null;")]
    [InlineData("SocketPair", "Local(); return null; void Local() { var pair = {|#0:SocketPair.Create()|}; if (early) { {|#1:return;|} } pair.Dispose(); }")]
    [InlineData("SocketPair", "Func<int> f = () => { var pair = {|#0:SocketPair.Create()|}; if (early) {|#1:return 1;|} pair.Dispose(); return 0; }; f(); return null;")]
    [InlineData("SafeFileHandle (the result of 'IFoo.Open')", "var file = {|#0:_foo.Open(path)|}; if (early) {|#1:return null;|} file.Dispose(); return null;")]
    [InlineData("SafeFileHandle (the result of 'IFoo.TryOpen')", "var file = {|#0:_foo.TryOpen(path)|}; if (file is null) return null; if (early) {|#1:return null;|} file.Dispose(); return null;")]
    [InlineData("ChannelEnd<IFoo> pair", "var (a, b) = {|#0:ChannelEnd<IFoo>.CreatePair()|}; a.Dispose(); if (early) {|#1:return null;|} b.Dispose(); return null;")]
    public async Task DisposedOnSomePathsOnly_ReportedWithTheLeakingReturn(string what, string body)
    {
        await VerifyAsync(body, exceptionPaths: false, LeakedOnAPath(what));
    }

    [Theory]
    [InlineData("var pair = SocketPair.Create(); try { if (early) return null; } finally { pair.Dispose(); } return null;")]
    [InlineData("var pair = SocketPair.Create(); if (early) { pair.Dispose(); return null; } return pair;")]
    [InlineData("var pair = SocketPair.Create(); if (early) { _kept = pair; return null; } pair.Dispose(); return null;")]
    [InlineData("var pair = SocketPair.Create(); if (early) throw new InvalidOperationException(); pair.Dispose(); return null;")]
    [InlineData("var child = ChildProcess.Start(path, []); child.Kill(); child.Dispose(); return null;")]
    [InlineData("var (a, b) = SocketPair.Create(); try { a.Send(new byte[1]); } finally { a.Dispose(); b.Dispose(); } return null;")]
    [InlineData("var file = _foo.TryOpen(path); if (file is null) return null; file.Dispose(); return null;")]
    [InlineData("var file = _foo.TryOpen(path); if (file != null) file.Dispose(); return null;")]
    [InlineData("var file = _foo.Open(path); if (file.IsInvalid) return null; file.Dispose(); return null;")]
    [InlineData("var end = _foo.Fork(); if (early) end.TakeSocket().Dispose(); if (end.IsOpen) end.Dispose(); return null;")]
    public async Task DisposedOrHandedOffOnEveryPath_Silent(string body)
    {
        await VerifyAsync(body, exceptionPaths: false);
    }

    [Theory]
    [InlineData("ChildProcess", "var child = {|#0:ChildProcess.Start(path, [])|}; child.Kill(); child.Dispose(); return null;")]
    [InlineData("SocketPair", "var pair = {|#0:SocketPair.Create()|}; pair.First.Send(new byte[1]); return pair;")]
    [InlineData("SocketPair", "var pair = {|#0:SocketPair.Create()|}; Use(1); pair.Dispose(); return null;")]
    [InlineData("SafeFileHandle (the result of 'IFoo.Open')", "var file = {|#0:_foo.Open(path)|}; Use(1); file.Dispose(); return null;")]
    public async Task ExceptionPathsOn_ACallThatMayThrowBeforeTheDisposalIsALeak(string what, string body)
    {
        await VerifyAsync(body, exceptionPaths: false);
        await VerifyAsync(body, exceptionPaths: true, LeakedOnAPath(what, throughMarkedExit: false));
    }

    [Theory]
    [InlineData("var pair = SocketPair.Create(); try { pair.First.Send(new byte[1]); } catch { pair.Dispose(); throw; } return pair;")]
    [InlineData("using var pair = SocketPair.Create(); pair.First.Send(new byte[1]); return null;")]
    [InlineData("var child = ChildProcess.Start(path, []); try { child.Kill(); } finally { child.Dispose(); } return null;")]
    public async Task ExceptionPathsOn_ReleasedByAFinallyOrAHandler_Silent(string body)
    {
        await VerifyAsync(body, exceptionPaths: true);
    }
}
