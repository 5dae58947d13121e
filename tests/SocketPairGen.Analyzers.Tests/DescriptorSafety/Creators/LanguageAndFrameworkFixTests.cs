using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;
using WrapFix = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.DescriptorLeakAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.WrapInSafeHandleCodeFixProvider>;
using UsingFix = SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators.CreatorsCodeFixTest<
    SocketPairGen.Analyzers.DescriptorSafety.DisposableLeakAnalyzer,
    SocketPairGen.CodeFixes.DescriptorSafety.AddUsingCodeFixProvider>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Creators;

/// <summary>
/// The ownership fixes write only what the project can compile: a <c>using</c> statement before C# 8 (no using
/// declarations), <c>System.IntPtr</c> before C# 9 (no <c>nint</c>), and a <c>SafeFileHandle</c> for a socket where
/// the framework has no <c>SafeSocketHandle</c> (netstandard2.0, .NET Framework).
/// </summary>
public class LanguageAndFrameworkFixTests
{
    private static DiagnosticResult Leaked(string function) =>
        new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0).WithArguments(function, "never closed nor handed to an owner in this method");

    private static DiagnosticResult NotDisposed(string type) =>
        new DiagnosticResult(Descriptors.DisposableLeaked).WithLocation(0).WithArguments(type, "never disposed nor handed off in this method");

    [Fact]
    public Task CSharp7_DescriptorWrappedInAUsingStatementOverTheRestOfTheBlock() => WrapFix.VerifyAsync("""
        using System;
        using static Native;

        unsafe class C
        {
            int M(string path)
            {
                int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC, 0)|};
                if (fd < 0) return -1;
                byte b;
                read(fd, &b, (IntPtr)1);
                return b;
            }
        }
        """, """
        using System;
        using static Native;

        unsafe class C
        {
            int M(string path)
            {
                int fd = open(path, O_RDONLY | O_CLOEXEC, 0);
                using (var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((System.IntPtr)fd, ownsHandle: true))
                {
                    if (fd < 0) return -1;
                    byte b;
                    read(fd, &b, (IntPtr)1);
                    return b;
                }
            }
        }
        """, new Setup(LanguageVersion.CSharp7_3), Leaked("open"));

    [Fact]
    public Task CSharp7_LocalFunctionUsedAboveTheDeclaration_NoFix() => WrapFix.NoFixAsync("""
        using System;
        using static Native;

        unsafe class C
        {
            int M(string path)
            {
                int limit = Twice(1);
                int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC, 0)|};
                byte b;
                read(fd, &b, (IntPtr)limit);
                return b;

                // Called above the descriptor: a using block over the rest of the block would hide it from that call.
                int Twice(int x) => x * 2;
            }
        }
        """, new Setup(LanguageVersion.CSharp7_3), Leaked("open"));

    [Fact]
    public Task CSharp8_UsingDeclarationWithIntPtr() => WrapFix.VerifyAsync("""
        using System;
        using static Native;

        unsafe class C
        {
            int M(string path)
            {
                int fd = {|#0:open(path, O_RDONLY | O_CLOEXEC, 0)|};
                byte b;
                read(fd, &b, (IntPtr)1);
                return b;
            }
        }
        """, """
        using System;
        using static Native;

        unsafe class C
        {
            int M(string path)
            {
                int fd = open(path, O_RDONLY | O_CLOEXEC, 0);
                using var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((System.IntPtr)fd, ownsHandle: true);
                byte b;
                read(fd, &b, (IntPtr)1);
                return b;
            }
        }
        """, new Setup(LanguageVersion.CSharp8), Leaked("open"));

    [Fact]
    public Task NoSafeSocketHandleInTheFramework_SocketWrappedInASafeFileHandle() => WrapFix.VerifyAsync("""
        unsafe class C
        {
            int M()
            {
                int fd = {|#0:socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)|};
                byte b;
                read(fd, &b, (IntPtr)1);
                return b;
            }
        }
        """, """
        unsafe class C
        {
            int M()
            {
                int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
                using var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((nint)fd, ownsHandle: true);
                byte b;
                read(fd, &b, (IntPtr)1);
                return b;
            }
        }
        """, new Setup(Without: "System.Net.Sockets"), Leaked("socket"));

    [Fact]
    public Task CSharp7_SocketPairInAUsingStatement() => UsingFix.VerifyAsync("""
        using SocketPairGen;

        class C
        {
            void M()
            {
                var pair = {|#0:SocketPair.Create()|};
                pair.First.Send(new byte[1]);
            }
        }
        """, """
        using SocketPairGen;

        class C
        {
            void M()
            {
                using (var pair = SocketPair.Create())
                {
                    pair.First.Send(new byte[1]);
                }
            }
        }
        """, new Setup(LanguageVersion.CSharp7_3), NotDisposed("SocketPair"));

    /// <summary>
    /// Before C# 8 there is no <c>await using</c>, and a <c>using</c> statement needs an <c>IDisposable</c>: a local
    /// typed only as <c>IAsyncDisposable</c> in an async method gets no fix (either would not compile).
    /// </summary>
    [Fact]
    public Task CSharp7_AsyncDisposableLocalInAnAsyncMethod_NoFix() => UsingFix.NoFixAsync("""
        using System;
        using System.Threading.Tasks;
        using SocketPairGen;

        class Supervisor
        {
            async Task<bool> RunAsync(string path, TimeSpan grace)
            {
                IAsyncDisposable child = {|#0:ChildProcess.Start(path, new string[0])|};
                await Task.Delay(grace);
                return true;
            }
        }
        """, new Setup(LanguageVersion.CSharp7_3), NotDisposed("ChildProcess"));
}
