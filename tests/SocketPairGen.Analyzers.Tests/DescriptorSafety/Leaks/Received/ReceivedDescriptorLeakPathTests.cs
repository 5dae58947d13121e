using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Received;

/// <summary>
/// SPG0013 follows paths from the method's entry: a descriptor disposed or handed off on some paths only is reported
/// with the leaking <c>return</c> as the second location; exception paths count only with the .editorconfig option.
/// </summary>
public class ReceivedDescriptorLeakPathTests
{
    private const string SomePath = "not disposed nor handed off on every path out of this method";

    private static string InServer(string body) => $$"""
        class Paths : IPaths
        {
            private SafeFileHandle? _kept;

            public int Measure(SafeFileHandle {|#0:file|}, bool early)
            {
                {{body}}
            }

            static void Use(int value) => Console.WriteLine(value);
        }
        """;

    private static Task VerifyAsync(string body, bool exceptionPaths, params DiagnosticResult[] expected)
    {
        var test = new ReceivedAnalyzerTest<ReceivedDescriptorLeakAnalyzer>(InServer(body));
        if (exceptionPaths)
        {
            test.TestState.AnalyzerConfigFiles.Add(ExceptionPathsConfig.EditorConfig);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult LeakedOnAPath() =>
        new DiagnosticResult(Descriptors.ReceivedDescriptorLeaked).WithLocation(0).WithLocation(1).WithArguments("SafeFileHandle", "file", SomePath);

    [Theory]
    [InlineData("if (early) {|#1:return 0;|} file.Dispose(); return 1;")]
    [InlineData("if (early) { file.Dispose(); } {|#1:return 0;|}")]
    [InlineData("if (early) { _kept = file; return 0; } else if (file.IsAsync) {|#1:return 1;|} file.Dispose(); return 2;")]
    [InlineData("switch (early) { case true: using (file) { return 1; } default: {|#1:return 0;|} }")]
    public async Task DisposedOnSomePathsOnly_ReportedWithTheLeakingReturn(string body)
    {
        await VerifyAsync(body, exceptionPaths: false, LeakedOnAPath());
    }

    [Theory]
    [InlineData("try { if (early) return 0; } finally { file.Dispose(); } return 1;")]
    [InlineData("if (early) { file.Dispose(); return 0; } _kept = file; return 1;")]
    [InlineData("if (early) throw new InvalidOperationException(); file.Dispose(); return 0;")]
    [InlineData("if (early) Environment.FailFast(\"early\"); file.Dispose(); return 0;")]
    [InlineData("using (file) { if (early) return 0; Use(1); } return 1;")]
    [InlineData("if (file == null) { return 0; } using var owned = file; return 1;")]
    [InlineData("while (true) { if (early) { file.Dispose(); break; } } return 0;")]
    public async Task DisposedOrHandedOffOnEveryPath_Silent(string body)
    {
        await VerifyAsync(body, exceptionPaths: false);
    }

    [Theory]
    [InlineData("Use(1); file.Dispose(); return 0;", SomePath)]
    [InlineData("throw new NotSupportedException();", "never disposed nor handed off in this method")]
    public async Task ExceptionPathsOn_AThrowBeforeTheDisposalIsALeak(string body, string how)
    {
        await VerifyAsync(body, exceptionPaths: false);
        await VerifyAsync(body, exceptionPaths: true, new DiagnosticResult(Descriptors.ReceivedDescriptorLeaked)
            .WithLocation(0).WithArguments("SafeFileHandle", "file", how).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }
}
