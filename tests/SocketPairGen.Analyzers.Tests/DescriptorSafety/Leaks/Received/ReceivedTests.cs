using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Received;

/// <summary>
/// The compilation the SPG0013 tests run in: net10.0 and the SocketPairGen runtime (for <c>ChannelEnd&lt;T&gt;</c>
/// and the attributes), the global usings of an SDK project plus the namespaces of the handle types, and channel
/// contracts whose methods receive descriptors. The generator does not run in analyzer tests: the contracts have no
/// generated members, which the rule does not need.
/// </summary>
internal static class ReceivedTests
{
    public const string Contracts = """
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Win32.SafeHandles;
        using SocketPairGen;

        [SocketPairChannel]
        public partial interface IFiles
        {
            void Keep(SafeFileHandle file);
        }

        [SocketPairChannel]
        public partial interface IAsyncFiles
        {
            Task KeepAsync(SafeFileHandle file, CancellationToken cancellationToken);
        }

        [SocketPairChannel]
        public partial interface ISockets
        {
            void Serve(Socket socket);
        }

        [SocketPairChannel]
        public partial interface IHandles
        {
            void Adopt(SafeSocketHandle handle);
        }

        [SocketPairChannel]
        public partial interface ISessions
        {
            void Open(ChannelEnd<IOther> end);
        }

        [SocketPairChannel]
        public partial interface IOther
        {
            int Ping();
        }

        [SocketPairChannel]
        public partial interface IBatches
        {
            void KeepAll([MaxDescriptors(4)] SafeFileHandle[] files);
        }

        [SocketPairChannel]
        public partial interface IEcho
        {
            SafeFileHandle Echo(SafeFileHandle file);
        }

        [SocketPairChannel]
        public partial interface IPairs
        {
            void Both(SafeFileHandle first, Socket second, int count);
        }

        [SocketPairChannel]
        public partial interface IPaths
        {
            int Measure(SafeFileHandle file, bool early);
        }
        """;

    public const string GlobalUsings = Rules.ContractAnalyzerTest.GlobalUsings + """

        global using System.Net.Sockets;
        global using Microsoft.Win32.SafeHandles;
        """;

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
        state.Sources.Add(("/0/Contracts.cs", Contracts));
        state.Sources.Add(("/0/GlobalUsings.cs", GlobalUsings));
    }

    public static CompilationOptions WithNullable(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);
}

/// <summary>An analyzer test in the <see cref="ReceivedTests"/> compilation.</summary>
internal sealed class ReceivedAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public ReceivedAnalyzerTest(string source)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        ReceivedTests.Configure(TestState);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new ReceivedAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => ReceivedTests.WithNullable(base.CreateCompilationOptions());
}

/// <summary>A code fix test in the <see cref="ReceivedTests"/> compilation: each fix one at a time, and Fix All.</summary>
internal sealed class ReceivedCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public ReceivedCodeFixTest(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FixedCode = fixedSource;
        ReceivedTests.Configure(TestState);
        ReceivedTests.Configure(FixedState);
        ExpectedDiagnostics.AddRange(expected);
    }

    protected override CompilationOptions CreateCompilationOptions() => ReceivedTests.WithNullable(base.CreateCompilationOptions());
}
