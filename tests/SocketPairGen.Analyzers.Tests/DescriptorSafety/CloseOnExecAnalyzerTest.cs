using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>
/// <see cref="CloseOnExecAnalyzer"/> over a net10.0 compilation (offline reference assemblies, TOOLCHAIN.md) that
/// holds <see cref="NativeSource"/>: the libc functions as <c>Libc.*</c> P/Invokes and their flags as
/// <c>Linux.*</c> constants, so a test names only the call it is about.
/// </summary>
internal sealed class CloseOnExecAnalyzerTest : CSharpAnalyzerTest<CloseOnExecAnalyzer, DefaultVerifier>
{
    /// <summary>The P/Invokes and Linux values every test compilation holds.</summary>
    public const string NativeSource = """
        using System;
        using System.Runtime.InteropServices;

        public static class Libc
        {
            [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc", SetLastError = true)] public static extern int socketpair(int domain, int type, int protocol, int[] sv);
            [DllImport("libc", SetLastError = true)] public static extern int accept(int fd, IntPtr addr, IntPtr addrlen);
            [DllImport("libc", SetLastError = true)] public static extern int accept4(int fd, IntPtr addr, IntPtr addrlen, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int pipe(int[] fds);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(int[] fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int openat(int dirfd, string path, int flags, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int creat(string path, int mode);
            [DllImport("libc", SetLastError = true)] public static extern int dup(int fd);
            [DllImport("libc", SetLastError = true)] public static extern int dup2(int oldfd, int newfd);
            [DllImport("libc", SetLastError = true)] public static extern int dup3(int oldfd, int newfd, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int fcntl(int fd, int cmd, int arg);
            [DllImport("libc", SetLastError = true)] public static extern int epoll_create(int size);
            [DllImport("libc", SetLastError = true)] public static extern int epoll_create1(int flags);
            [DllImport("libc", SetLastError = true)] public static extern int inotify_init();
            [DllImport("libc", SetLastError = true)] public static extern int inotify_init1(int flags);
            [DllImport("libc", SetLastError = true)] public static extern int eventfd(uint initval, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int timerfd_create(int clockid, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int memfd_create(string name, uint flags);
            [DllImport("libc", SetLastError = true)] public static extern int signalfd(int fd, IntPtr mask, int flags);
            [DllImport("libc", SetLastError = true)] public static extern nint recvmsg(int fd, IntPtr msg, int flags);
        }

        public static class Linux
        {
            public const int AF_UNIX = 1;
            public const int SOCK_STREAM = 1;
            public const int SOCK_SEQPACKET = 5;
            public const int SOCK_NONBLOCK = 0x800;
            public const int SOCK_CLOEXEC = 0x80000;
            public const int O_RDONLY = 0;
            public const int O_WRONLY = 1;
            public const int O_CREAT = 0x40;
            public const int O_TRUNC = 0x200;
            public const int O_CLOEXEC = 0x80000;
            public const int AT_FDCWD = -100;
            public const int F_DUPFD_CLOEXEC = 1030;
            public const int EPOLL_CLOEXEC = 0x80000;
            public const int IN_CLOEXEC = 0x80000;
            public const int EFD_CLOEXEC = 0x80000;
            public const int EFD_NONBLOCK = 0x800;
            public const int TFD_CLOEXEC = 0x80000;
            public const int CLOCK_MONOTONIC = 1;
            public const uint MFD_CLOEXEC = 1;
            public const uint MFD_ALLOW_SEALING = 2;
            public const int SFD_CLOEXEC = 0x80000;
            public const int MSG_CMSG_CLOEXEC = 0x40000000;
            public const int MSG_DONTWAIT = 0x40;
        }
        """;

    /// <summary>The implicit usings of an SDK project that test sources rely on.</summary>
    public const string GlobalUsings = "global using System;";

    public CloseOnExecAnalyzerTest(string source)
    {
        Configure(this);
        TestCode = source;
    }

    /// <summary>Runs the analyzer on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CloseOnExecAnalyzerTest(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>An expected diagnostic at the markup location <c>{|#n:…|}</c>.</summary>
    public static DiagnosticResult Diagnostic(string id, int markupKey, params object[] arguments) =>
        new DiagnosticResult(Descriptors.DescriptorRules[id]).WithLocation(markupKey).WithArguments(arguments);

    /// <summary>The test setup this and <see cref="CloseOnExecCodeFixTest{TCodeFix}"/> share.</summary>
    internal static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        // ReferenceAssemblies.Net.Net100 downloads a package the registry does not serve (TOOLCHAIN.md).
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.Sources.Add(("Native.cs", NativeSource));
        test.TestState.Sources.Add(("GlobalUsings.cs", GlobalUsings));
    }

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithAllowUnsafe(true);

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
}
