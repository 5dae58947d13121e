using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

/// <summary>
/// The compilation the SPG0010 tests run in: net10.0 and the SocketPairGen runtime (for <c>[TakesOwnership]</c>),
/// fully offline, unsafe code on, and a <c>Native</c> class of libc P/Invokes (close, the creators, functions that
/// use a descriptor, and those that adopt one) which every test source imports with <c>using static Native;</c>.
/// </summary>
internal static class RawLeaksTests
{
    public const string Native = """
        using System;
        using System.Runtime.InteropServices;

        public static unsafe class Native
        {
            public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
            public const int O_RDONLY = 0, O_CLOEXEC = 0x80000;

            [DllImport("libc")] public static extern int close(int fd);
            [DllImport("libc")] public static extern int close_range(uint first, uint last, int flags);
            [DllImport("libc")] public static extern int open(string path, int flags);
            [DllImport("libc")] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc")] public static extern int accept4(int fd, IntPtr address, IntPtr length, int flags);
            [DllImport("libc")] public static extern int socketpair(int domain, int type, int protocol, int* fds);
            [DllImport("libc")] public static extern int pipe2(int[] fds, int flags);
            [DllImport("libc")] public static extern int dup2(int fd, int newfd);
            [DllImport("libc")] public static extern nint read(int fd, byte* buffer, nint count);
            [DllImport("libc")] public static extern nint write(int fd, byte* buffer, nint count);
            [DllImport("libc")] public static extern IntPtr fdopen(int fd, string mode);
            [DllImport("libc")] public static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newfd);
        }
        """;

    /// <summary>Adds the P/Invokes and the global usings every test imports.</summary>
    public static void Configure(SolutionState state)
    {
        const string Usings = "\nglobal using System.Net.Sockets;\nglobal using System.Runtime.InteropServices;\nglobal using Microsoft.Win32.SafeHandles;\nglobal using static Native;\n";
        state.Sources.Add(("/0/Native.cs", Native));
        state.Sources.Add(("/0/GlobalUsings.cs", Rules.ContractAnalyzerTest.GlobalUsings + Usings));
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
    }

    public static CompilationOptions WithUnsafe(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);
}

/// <summary>An analyzer test in the <see cref="RawLeaksTests"/> compilation.</summary>
internal sealed class RawLeaksAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public RawLeaksAnalyzerTest(string source)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        RawLeaksTests.Configure(TestState);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new RawLeaksAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => RawLeaksTests.WithUnsafe(base.CreateCompilationOptions());
}

/// <summary>A code fix test in the <see cref="RawLeaksTests"/> compilation: each fix one at a time, and Fix All.</summary>
internal sealed class RawLeaksCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
{
    public RawLeaksCodeFixTest(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FixedCode = fixedSource;
        RawLeaksTests.Configure(TestState);
        RawLeaksTests.Configure(FixedState);
        ExpectedDiagnostics.AddRange(expected);
    }

    protected override CompilationOptions CreateCompilationOptions() => RawLeaksTests.WithUnsafe(base.CreateCompilationOptions());
}
