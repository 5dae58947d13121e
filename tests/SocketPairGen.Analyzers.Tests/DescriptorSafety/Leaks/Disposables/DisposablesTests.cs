using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Disposables;

/// <summary>
/// The compilation the SPG0011 tests run in: net10.0 and the SocketPairGen runtime, fully offline, with the global
/// usings of the BCL and SocketPairGen, and a channel contract <c>IFoo</c> whose generated members
/// (<c>Connect</c> and <c>ServeAsync</c> on a socket or a channel end, the nested <c>Client</c>) are written by hand
/// since the generator does not run in analyzer tests. Its methods return each kind of descriptor a channel hands
/// over, and a task of one.
/// </summary>
internal static class DisposablesTests
{
    public const string Channel = """
        using System;
        using System.Net.Sockets;
        using System.Threading.Tasks;
        using Microsoft.Win32.SafeHandles;
        using SocketPairGen;

        [SocketPairChannel]
        public partial interface IFoo
        {
            int Add(int a, int b);

            SafeFileHandle Open(string path);

            SafeFileHandle? TryOpen(string path);

            Socket Accept();

            SafeSocketHandle AcceptHandle();

            ChannelEnd<IFoo> Fork();

            Task<SafeFileHandle> OpenAsync(string path);

            ValueTask<Socket?> AcceptAsync();

            SafeFileHandle[] OpenAll(string pattern);

            void Attach(ChannelEnd<IFoo> end);

            public static Client Connect(Socket socket, ChannelOptions? options = null) => throw null!;

            public static Client Connect(ChannelEnd<IFoo> end, ChannelOptions? options = null) => throw null!;

            public static Task ServeAsync(Socket socket, IFoo implementation, ChannelOptions? options = null) => throw null!;

            public static Task ServeAsync(ChannelEnd<IFoo> end, IFoo implementation, ChannelOptions? options = null) => throw null!;

            public sealed class Client : IFoo, IDisposable, IAsyncDisposable
            {
                public int Add(int a, int b) => a + b;
                public SafeFileHandle Open(string path) => throw null!;
                public SafeFileHandle? TryOpen(string path) => throw null!;
                public Socket Accept() => throw null!;
                public SafeSocketHandle AcceptHandle() => throw null!;
                public ChannelEnd<IFoo> Fork() => throw null!;
                public Task<SafeFileHandle> OpenAsync(string path) => throw null!;
                public ValueTask<Socket?> AcceptAsync() => throw null!;
                public SafeFileHandle[] OpenAll(string pattern) => throw null!;
                public void Attach(ChannelEnd<IFoo> end) { }
                public void Dispose() { }
                public ValueTask DisposeAsync() => default;
            }
        }

        /// <summary>An interface like a contract, without [SocketPairChannel]: not a channel.</summary>
        public interface IPlain
        {
            SafeFileHandle Open(string path);
        }
        """;

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
        state.Sources.Add(("/0/Channel.cs", Channel));
        state.Sources.Add(("/0/GlobalUsings.cs", Rules.ContractAnalyzerTest.GlobalUsings
            + "\nglobal using System.Net.Sockets;\nglobal using Microsoft.Win32.SafeHandles;\n"));
    }

    public static CompilationOptions WithNullable(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);
}

/// <summary>An analyzer test in the <see cref="DisposablesTests"/> compilation.</summary>
internal sealed class DisposablesAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public DisposablesAnalyzerTest(string source)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        DisposablesTests.Configure(TestState);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new DisposablesAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => DisposablesTests.WithNullable(base.CreateCompilationOptions());
}

/// <summary>A code fix test in the <see cref="DisposablesTests"/> compilation: each fix one at a time, and Fix All.</summary>
internal sealed class DisposablesCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public DisposablesCodeFixTest(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FixedCode = fixedSource;
        DisposablesTests.Configure(TestState);
        DisposablesTests.Configure(FixedState);
        ExpectedDiagnostics.AddRange(expected);
    }

    protected override CompilationOptions CreateCompilationOptions() => DisposablesTests.WithNullable(base.CreateCompilationOptions());
}
