using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Closes;

/// <summary>
/// The compilation the SPG0012 and SPG0020 tests run in: net10.0 and the SocketPairGen runtime (for
/// <c>[TakesOwnership]</c>), fully offline, unsafe code on, and a <c>Native</c> class of libc P/Invokes (close,
/// the creators, posix_spawn and its file actions) which every test source imports with <c>using static Native;</c>.
/// </summary>
internal static class ClosesTests
{
    public const string Native = """
        using System;
        using System.Runtime.InteropServices;

        public static unsafe class Native
        {
            public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
            public const int O_RDONLY = 0, O_CLOEXEC = 0x80000;

            [DllImport("libc")] public static extern int close(int fd);
            [DllImport("libc")] public static extern int open(string path, int flags);
            [DllImport("libc")] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc")] public static extern int socketpair(int domain, int type, int protocol, int* fds);
            [DllImport("libc")] public static extern int pipe2(int[] fds, int flags);
            [DllImport("libc")] public static extern int posix_spawn_file_actions_init(IntPtr actions);
            [DllImport("libc")] public static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newfd);
            [DllImport("libc")] public static extern int posix_spawn(out int pid, string path, IntPtr actions, IntPtr attributes, string[] argv, string[] envp);
            [DllImport("libc")] public static extern int posix_spawnp(out int pid, string file, IntPtr actions, IntPtr attributes, string[] argv, string[] envp);
        }
        """;

    /// <summary>Adds the sources every test imports; without <paramref name="native"/>, only the global usings of the BCL.</summary>
    public static void Configure(SolutionState state, bool native = true)
    {
        const string Usings = "\nglobal using System.Net.Sockets;\nglobal using System.Runtime.InteropServices;\nglobal using Microsoft.Win32.SafeHandles;\n";
        if (native)
        {
            state.Sources.Add(("/0/Native.cs", Native));
        }

        state.Sources.Add(("/0/GlobalUsings.cs", Rules.ContractAnalyzerTest.GlobalUsings + Usings + (native ? "global using static Native;\n" : "")));
    }

    public static void ConfigureCompilation(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
    }

    public static CompilationOptions WithUnsafe(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);
}

/// <summary>An analyzer test in the <see cref="ClosesTests"/> compilation.</summary>
internal sealed class ClosesAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public ClosesAnalyzerTest(string source)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        ClosesTests.ConfigureCompilation(TestState);
        TestCode = source;
        ClosesTests.Configure(TestState);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new ClosesAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => ClosesTests.WithUnsafe(base.CreateCompilationOptions());
}

/// <summary>A code fix test in the <see cref="ClosesTests"/> compilation: each fix one at a time, and Fix All.</summary>
internal sealed class ClosesCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public ClosesCodeFixTest(string source, string fixedSource, params DiagnosticResult[] expected)
        : this(source, fixedSource, native: true, expected)
    {
    }

    /// <summary>A test whose sources declare their own P/Invokes when <paramref name="native"/> is false.</summary>
    public ClosesCodeFixTest(string source, string fixedSource, bool native, params DiagnosticResult[] expected)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        ClosesTests.ConfigureCompilation(TestState);
        TestCode = source;
        FixedCode = fixedSource;
        ClosesTests.Configure(TestState, native);
        ClosesTests.Configure(FixedState, native);
        ExpectedDiagnostics.AddRange(expected);
    }

    protected override CompilationOptions CreateCompilationOptions() => ClosesTests.WithUnsafe(base.CreateCompilationOptions());
}
