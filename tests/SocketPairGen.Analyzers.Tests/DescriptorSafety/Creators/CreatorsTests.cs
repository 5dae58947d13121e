using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>
/// The compilation the tests of this folder run in: net10.0 and the SocketPairGen runtime, fully offline, unsafe
/// code on, and a <c>Native</c> class of libc P/Invokes (creators, the dup family, fcntl, fork/exec, posix_spawn)
/// with the Linux constants, which every test source imports with <c>using static Native;</c>. A test may also
/// reference a real binding (<see cref="MonoPosix"/>, <see cref="TmdsLibC"/>), compile at another language version,
/// or leave out an assembly of the framework (as a netstandard2.0 project lacks <c>SafeSocketHandle</c>).
/// </summary>
internal static class CreatorsTests
{
    public const string Native = """
        using System;
        using System.Runtime.InteropServices;

        public static unsafe class Native
        {
            public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
            public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200, O_CLOEXEC = 0x80000;
            public const int AT_FDCWD = -100;
            public const int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_SETFL = 4, FD_CLOEXEC = 1, F_DUPFD_CLOEXEC = 1030;
            public const int STDIN_FILENO = 0, STDOUT_FILENO = 1, STDERR_FILENO = 2;

            [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int open64(string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int openat(int dirfd, string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int openat64(int dirfd, string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc", SetLastError = true)] public static extern int socketpair(int domain, int type, int protocol, int* fds);
            [DllImport("libc", SetLastError = true)] public static extern int pipe(int* fds);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(int* fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int dup(int fd);
            [DllImport("libc", SetLastError = true)] public static extern int dup2(int oldfd, int newfd);
            [DllImport("libc", SetLastError = true)] public static extern int dup3(int oldfd, int newfd, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int fcntl(int fd, int cmd, int arg);
            [DllImport("libc", SetLastError = true)] public static extern int mkstemp(byte[] template);
            [DllImport("libc", SetLastError = true)] public static extern int mkostemp(byte[] template, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int mkstemps(byte[] template, int suffixlen);
            [DllImport("libc", SetLastError = true)] public static extern int mkostemps(byte[] template, int suffixlen, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int fork();
            [DllImport("libc", SetLastError = true)] public static extern int execve(string path, string[] argv, string[] envp);
            [DllImport("libc", SetLastError = true)] public static extern int execvp(string file, string[] argv);
            [DllImport("libc")] public static extern void _exit(int status);
            [DllImport("libc", SetLastError = true)] public static extern IntPtr read(int fd, byte* buffer, IntPtr count);
            [DllImport("libc", SetLastError = true)] public static extern IntPtr write(int fd, byte* buffer, IntPtr count);
            [DllImport("libc")] public static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newfd);
            [DllImport("libc")] public static extern int posix_spawn(out int pid, string path, IntPtr actions, IntPtr attributes, string[] argv, string[] envp);
        }
        """;

    /// <summary>Mono.Posix.NETStandard 1.0.0, the package itself (<c>Mono.Unix.Native.Syscall</c>).</summary>
    public static MetadataReference MonoPosix { get; } = MetadataReference.CreateFromFile(typeof(Mono.Unix.Native.Syscall).Assembly.Location);

    /// <summary>Tmds.LibC 0.5.0, the package itself (<c>Tmds.Linux.LibC</c>).</summary>
    public static MetadataReference TmdsLibC { get; } = MetadataReference.CreateFromFile(typeof(Tmds.Linux.LibC).Assembly.Location);

    /// <summary>The implicit usings of an SDK project, the namespaces interop code imports, and <c>using static Native;</c>.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using System.Runtime.InteropServices;
        global using static Native;
        """;

    /// <summary>Sources and references of one compilation state.</summary>
    public static void Configure(SolutionState state, Setup setup)
    {
        state.Sources.Add(("/0/Native.cs", Native));
        state.Sources.Add(("/0/GlobalUsings.cs", setup.LanguageVersion < LanguageVersion.CSharp10 ? GlobalUsings.Replace("global using", "using") : GlobalUsings));
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All
            .Where(r => setup.Without is null || !string.Equals(Path.GetFileNameWithoutExtension(r.FilePath), setup.Without, StringComparison.Ordinal)));
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
        state.AdditionalReferences.AddRange(setup.References);
    }

    public static CompilationOptions Options(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Disable);

    public static ParseOptions Parse(ParseOptions options, Setup setup) =>
        ((CSharpParseOptions)options).WithLanguageVersion(setup.LanguageVersion);
}

/// <summary>
/// How a test compilation differs from the default: its language version (below C# 10 the global usings become
/// usings of the usings file, which only that file sees: tests at old versions spell their names out), further
/// references, and one framework assembly left out by name.
/// </summary>
internal sealed record Setup(LanguageVersion LanguageVersion = LanguageVersion.Latest, string? Without = null, params MetadataReference[] References)
{
    public static Setup Default { get; } = new();
}

/// <summary>An analyzer test in the <see cref="CreatorsTests"/> compilation.</summary>
internal sealed class CreatorsAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private readonly Setup _setup;

    public CreatorsAnalyzerTest(string source, Setup? setup = null)
    {
        _setup = setup ?? Setup.Default;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        CreatorsTests.Configure(TestState, _setup);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, Setup.Default, expected);

    public static Task VerifyAsync(string source, Setup setup, params DiagnosticResult[] expected)
    {
        var test = new CreatorsAnalyzerTest<TAnalyzer>(source, setup);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => CreatorsTests.Options(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => CreatorsTests.Parse(base.CreateParseOptions(), _setup);
}

/// <summary>A code fix test in the <see cref="CreatorsTests"/> compilation: each fix one at a time, and Fix All.</summary>
internal sealed class CreatorsCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private readonly Setup _setup;

    public CreatorsCodeFixTest(string source, string fixedSource, Setup? setup = null)
    {
        _setup = setup ?? Setup.Default;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FixedCode = fixedSource;
        CreatorsTests.Configure(TestState, _setup);
        CreatorsTests.Configure(FixedState, _setup);
    }

    /// <summary>The fix turns <paramref name="source"/> into <paramref name="fixedSource"/>.</summary>
    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyAsync(source, fixedSource, Setup.Default, expected);

    public static Task VerifyAsync(string source, string fixedSource, Setup setup, params DiagnosticResult[] expected)
    {
        var test = new CreatorsCodeFixTest<TAnalyzer, TCodeFix>(source, fixedSource, setup);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The diagnostics stay and no fix is offered: the source is left as it is.</summary>
    public static Task NoFixAsync(string source, params DiagnosticResult[] expected) => NoFixAsync(source, Setup.Default, expected);

    public static Task NoFixAsync(string source, Setup setup, params DiagnosticResult[] expected)
    {
        var test = new CreatorsCodeFixTest<TAnalyzer, TCodeFix>(source, source, setup);
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => CreatorsTests.Options(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => CreatorsTests.Parse(base.CreateParseOptions(), _setup);
}
