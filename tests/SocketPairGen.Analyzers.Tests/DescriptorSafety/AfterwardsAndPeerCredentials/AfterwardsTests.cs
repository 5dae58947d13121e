using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.AfterwardsAndPeerCredentials;

/// <summary>
/// The compilation the SPG0008 and SPG0021 tests run in: net10.0 and the SocketPairGen runtime (for SocketPair and
/// ChildProcess), fully offline, unsafe code on, and a <c>Native</c> class of libc P/Invokes with the Linux constants,
/// which every test source imports with <c>using static Native;</c>.
/// </summary>
internal static class AfterwardsTests
{
    public const string Native = """
        using System.Runtime.InteropServices;

        public static unsafe class Native
        {
            public const int AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, SOCK_NONBLOCK = 0x800;
            public const int O_RDONLY = 0, O_RDWR = 2, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
            public const int F_GETFD = 1, F_SETFD = 2, F_SETFL = 4, FD_CLOEXEC = 1;
            public const int SOL_SOCKET = 1, SO_TYPE = 3, SO_PEERCRED = 17;

            [DllImport("libc")] public static extern int open(string path, int flags);
            [DllImport("libc")] public static extern int fcntl(int fd, int cmd, int arg);
            [DllImport("libc")] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc")] public static extern int socketpair(int domain, int type, int protocol, int* fds);
            [DllImport("libc", EntryPoint = "socketpair")] public static extern int socketpair_array(int domain, int type, int protocol, int[] fds);
            [DllImport("libc")] public static extern int pipe(int[] fds);
            [DllImport("libc")] public static extern int pipe2(int[] fds, int flags);
            [DllImport("libc")] public static extern int dup(int fd);
            [DllImport("libc")] public static extern int memfd_create(string name, uint flags);
            [DllImport("libc")] public static extern int eventfd(uint initval, int flags);
            [DllImport("libc")] public static extern int getsockopt(int fd, int level, int name, void* value, int* length);
        }
        """;

    public static void Configure(SolutionState state)
    {
        state.Sources.Add(("/0/Native.cs", Native));
        state.Sources.Add(("/0/GlobalUsings.cs", Rules.ContractAnalyzerTest.GlobalUsings + "\nglobal using System.Net.Sockets;\nglobal using static Native;\n"));
    }

    public static void ConfigureCompilation(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
    }

    public static CompilationOptions WithUnsafe(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);
}

/// <summary>An analyzer test in the <see cref="AfterwardsTests"/> compilation.</summary>
internal sealed class AfterwardsAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AfterwardsAnalyzerTest(string source)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        AfterwardsTests.ConfigureCompilation(TestState);
        TestCode = source;
        AfterwardsTests.Configure(TestState);
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AfterwardsAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => AfterwardsTests.WithUnsafe(base.CreateCompilationOptions());
}

/// <summary>
/// A code fix test in the <see cref="AfterwardsTests"/> compilation: each fix one at a time, and Fix All in document,
/// project and solution (to <see cref="CodeFixTest{TVerifier}.BatchFixedCode"/> when a test sets it).
/// </summary>
internal sealed class AfterwardsCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public AfterwardsCodeFixTest(string source, string fixedSource, string? batchFixedSource = null)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        AfterwardsTests.ConfigureCompilation(TestState);
        TestCode = source;
        FixedCode = fixedSource;
        AfterwardsTests.Configure(TestState);
        AfterwardsTests.Configure(FixedState);
        if (batchFixedSource is not null)
        {
            BatchFixedCode = batchFixedSource;
            AfterwardsTests.Configure(BatchFixedState);
        }
    }

    protected override CompilationOptions CreateCompilationOptions() => AfterwardsTests.WithUnsafe(base.CreateCompilationOptions());
}
