using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks;

/// <summary>
/// The compilation the ownership tests (SPG0010, SPG0012, SPG0020 following descriptors through structs, helpers,
/// copies and spans) run in: net10.0, the SocketPairGen runtime, unsafe code, and a hand-written <c>Libc</c> class
/// of the kind interop projects keep (the structs poll, epoll and SCM_RIGHTS messages need, the creators, close,
/// posix_spawn), imported everywhere with <c>using static Libc;</c>.
/// </summary>
internal static class OwnershipTests
{
    public const string Libc = """
        using System;
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Sequential)]
        public struct pollfd
        {
            public int fd;
            public short events;
            public short revents;
        }

        [StructLayout(LayoutKind.Explicit)]
        public struct epoll_data
        {
            [FieldOffset(0)] public IntPtr ptr;
            [FieldOffset(0)] public int fd;
            [FieldOffset(0)] public ulong u64;
        }

        [StructLayout(LayoutKind.Sequential, Pack = 1)]
        public struct epoll_event
        {
            public uint events;
            public epoll_data data;
        }

        public unsafe struct iovec
        {
            public void* iov_base;
            public nuint iov_len;
        }

        public unsafe struct msghdr
        {
            public void* msg_name;
            public uint msg_namelen;
            public iovec* msg_iov;
            public nuint msg_iovlen;
            public void* msg_control;
            public nuint msg_controllen;
            public int msg_flags;
        }

        public struct cmsghdr
        {
            public nuint cmsg_len;
            public int cmsg_level;
            public int cmsg_type;
        }

        /// <summary>A control message with room for descriptors, as D-Bus transports declare it.</summary>
        public unsafe struct cmsg_fd
        {
            public cmsghdr hdr;
            public fixed int fds[4];
        }

        /// <summary>A control message carrying exactly one descriptor.</summary>
        public struct cmsg_one
        {
            public cmsghdr hdr;
            public int fd;
        }

        public static unsafe class Libc
        {
            public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, SOCK_NONBLOCK = 0x800;
            public const int O_RDONLY = 0, O_WRONLY = 1, O_CLOEXEC = 0x80000;
            public const int F_GETFL = 3, F_SETFL = 4, O_NONBLOCK = 0x800;
            public const short POLLIN = 1;
            public const uint EPOLLIN = 1;
            public const int EPOLL_CTL_ADD = 1, EPOLL_CLOEXEC = 0x80000, EFD_CLOEXEC = 0x80000;
            public const uint MFD_CLOEXEC = 1;
            public const int SOL_SOCKET = 1, SCM_RIGHTS = 1;

            [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int socket(int domain, int type, int protocol);
            [DllImport("libc", SetLastError = true)] public static extern int accept4(int fd, IntPtr address, IntPtr length, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int socketpair(int domain, int type, int protocol, int* fds);
            [DllImport("libc", SetLastError = true)] public static extern int socketpair(int domain, int type, int protocol, int[] fds);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(int* fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(int[] fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(ref int fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int eventfd(uint initval, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int memfd_create(string name, uint flags);
            [DllImport("libc", SetLastError = true)] public static extern int epoll_create1(int flags);
            [DllImport("libc", SetLastError = true)] public static extern int epoll_ctl(int epfd, int op, int fd, epoll_event* ev);
            [DllImport("libc", SetLastError = true)] public static extern int epoll_ctl(int epfd, int op, int fd, ref epoll_event ev);
            [DllImport("libc", SetLastError = true)] public static extern int poll(pollfd* fds, nuint nfds, int timeout);
            [DllImport("libc", SetLastError = true)] public static extern int poll(ref pollfd fds, nuint nfds, int timeout);
            [DllImport("libc", SetLastError = true)] public static extern nint read(int fd, byte* buffer, nint count);
            [DllImport("libc", SetLastError = true)] public static extern nint write(int fd, byte* buffer, nint count);
            [DllImport("libc", SetLastError = true)] public static extern nint sendmsg(int fd, msghdr* msg, int flags);
            [DllImport("libc", SetLastError = true)] public static extern nint sendmsg(int fd, IntPtr msg, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int fcntl(int fd, int command, int argument);
            [DllImport("libc", SetLastError = true)] public static extern int fstat(int fd, byte* stat);
            [DllImport("libc", SetLastError = true)] public static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newfd);
            [DllImport("libc", SetLastError = true)] public static extern int posix_spawn(out int pid, string path, IntPtr actions, IntPtr attributes, string[] argv, string[] envp);
        }
        """;

    /// <summary>Adds the <c>Libc</c> class, the global usings and the references every test source relies on.</summary>
    public static void Configure(SolutionState state)
    {
        const string Usings = "\nglobal using System.Net.Sockets;\nglobal using System.Runtime.InteropServices;\nglobal using Microsoft.Win32.SafeHandles;\nglobal using static Libc;\n";
        state.Sources.Add(("/0/Libc.cs", Libc));
        state.Sources.Add(("/0/GlobalUsings.cs", Rules.ContractAnalyzerTest.GlobalUsings + Usings));
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location));
    }

    public static CompilationOptions WithUnsafe(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);
}

/// <summary>An analyzer test in the <see cref="OwnershipTests"/> compilation.</summary>
internal sealed class OwnershipAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public OwnershipAnalyzerTest(string source, bool exceptionPaths = false)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        OwnershipTests.Configure(TestState);
        if (exceptionPaths)
        {
            TestState.AnalyzerConfigFiles.Add(ExceptionPathsConfig.EditorConfig);
        }
    }

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on <paramref name="source"/> and expects exactly <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new OwnershipAnalyzerTest<TAnalyzer>(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override CompilationOptions CreateCompilationOptions() => OwnershipTests.WithUnsafe(base.CreateCompilationOptions());
}

/// <summary>A code fix test in the <see cref="OwnershipTests"/> compilation: each fix one at a time, and Fix All.</summary>
internal sealed class OwnershipCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public OwnershipCodeFixTest(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestCode = source;
        FixedCode = fixedSource;
        OwnershipTests.Configure(TestState);
        OwnershipTests.Configure(FixedState);
        ExpectedDiagnostics.AddRange(expected);
    }

    protected override CompilationOptions CreateCompilationOptions() => OwnershipTests.WithUnsafe(base.CreateCompilationOptions());
}
