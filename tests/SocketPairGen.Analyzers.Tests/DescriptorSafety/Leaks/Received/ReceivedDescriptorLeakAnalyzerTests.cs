using Microsoft.CodeAnalysis.Testing;
using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Received.ReceivedAnalyzerTest<
    SocketPairGen.Analyzers.DescriptorSafety.ReceivedDescriptorLeakAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Received;

/// <summary>
/// SPG0013: a method that implements a channel contract's method owns the descriptors it receives; one it never
/// disposes nor hands off is reported on the parameter.
/// </summary>
public class ReceivedDescriptorLeakAnalyzerTests
{
    internal static DiagnosticResult Leaked(string type, string name, int location = 0) =>
        new DiagnosticResult(Descriptors.ReceivedDescriptorLeaked).WithLocation(location).WithArguments(type, name, "never disposed nor handed off in this method");

    [Fact]
    public async Task ImplicitImplementationIgnoringAFile_Reported()
    {
        await Verify.VerifyAsync("""
            class Store : IFiles
            {
                public void Keep(SafeFileHandle {|#0:file|}) => Console.WriteLine("kept");
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task ExplicitImplementationOnlyReadingTheFile_Reported()
    {
        await Verify.VerifyAsync("""
            class Store : IFiles
            {
                void IFiles.Keep(SafeFileHandle {|#0:file|})
                {
                    if (!file.IsInvalid)
                    {
                        Console.WriteLine(file.DangerousGetHandle());
                    }
                }
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task SocketOnlyUsedForSending_Reported()
    {
        await Verify.VerifyAsync("""
            sealed class Server : ISockets
            {
                public void Serve(Socket {|#0:socket|})
                {
                    socket.Send(new byte[1]);
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            """, Leaked("Socket", "socket"));
    }

    [Fact]
    public async Task SafeSocketHandleIgnored_Reported()
    {
        await Verify.VerifyAsync("""
            class Server : IHandles
            {
                public void Adopt(SafeSocketHandle {|#0:handle|}) { }
            }
            """, Leaked("SafeSocketHandle", "handle"));
    }

    [Fact]
    public async Task ChannelEndOnlyInspected_ReportedWithItsContract()
    {
        await Verify.VerifyAsync("""
            class Sessions : ISessions
            {
                public void Open(ChannelEnd<IOther> {|#0:end|}) => Console.WriteLine(end.IsOpen);
            }
            """, Leaked("ChannelEnd<IOther>", "end"));
    }

    [Fact]
    public async Task AsyncMethodThatNeverDisposes_Reported()
    {
        await Verify.VerifyAsync("""
            class Store : IAsyncFiles
            {
                public async Task KeepAsync(SafeFileHandle {|#0:file|}, CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    Console.WriteLine(file.IsClosed);
                }
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task FileOnlyLentToTheFramework_Reported()
    {
        // RandomAccess and File act on the handle and never keep it: the method still owns it afterwards.
        await Verify.VerifyAsync("""
            class Store : IEcho, IAsyncFiles
            {
                public SafeFileHandle Echo(SafeFileHandle {|#0:file|})
                {
                    Console.WriteLine(File.GetUnixFileMode(file));
                    return File.OpenHandle("/dev/null");
                }

                public async Task KeepAsync(SafeFileHandle {|#1:file|}, CancellationToken cancellationToken)
                {
                    byte[] buffer = new byte[RandomAccess.GetLength(file)];
                    await RandomAccess.ReadAsync(file, buffer, 0, cancellationToken);
                }
            }
            """, Leaked("SafeFileHandle", "file", 0), Leaked("SafeFileHandle", "file", 1));
    }

    [Fact]
    public async Task StructAndRecordImplementations_Reported()
    {
        await Verify.VerifyAsync("""
            struct StructStore : IFiles
            {
                public void Keep(SafeFileHandle {|#0:file|}) { }
            }

            record RecordStore : IFiles
            {
                public void Keep(SafeFileHandle {|#1:file|}) { }
            }
            """, Leaked("SafeFileHandle", "file", 0), Leaked("SafeFileHandle", "file", 1));
    }

    [Fact]
    public async Task OneOfTwoDescriptorsDisposed_TheOtherReported()
    {
        await Verify.VerifyAsync("""
            class Pairs : IPairs
            {
                public void Both(SafeFileHandle {|#0:first|}, Socket second, int count)
                {
                    using (second)
                    {
                        second.Send(new byte[count]);
                    }
                }
            }
            """, Leaked("SafeFileHandle", "first"));
    }

    [Fact]
    public async Task NullableParameterCheckedForNull_ReportedForTheNonNullPath()
    {
        await Verify.VerifyAsync("""
            class Store : IFiles
            {
                public void Keep(SafeFileHandle? {|#0:file|})
                {
                    ArgumentNullException.ThrowIfNull(file);
                    if (file is null || file == null) return;
                    Console.WriteLine(file.IsInvalid);
                }
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task ArrayNeverMentioned_Reported()
    {
        await Verify.VerifyAsync("""
            class Batches : IBatches
            {
                public void KeepAll(SafeFileHandle[] {|#0:files|}) => Console.WriteLine("none");
            }
            """, Leaked("SafeFileHandle[]", "files"));
    }

    [Fact]
    public async Task PartialMethodImplementation_ReportedOnItsImplementingDeclaration()
    {
        await Verify.VerifyAsync("""
            partial class Store : IFiles
            {
                public partial void Keep(SafeFileHandle file);
            }

            partial class Store
            {
                public partial void Keep(SafeFileHandle {|#0:file|}) => Console.WriteLine("kept");
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task OverrideOfAnImplementation_Reported()
    {
        await Verify.VerifyAsync("""
            abstract class StoreBase : IFiles
            {
                public abstract void Keep(SafeFileHandle file);
            }

            sealed class Store : StoreBase
            {
                public override void Keep(SafeFileHandle {|#0:file|}) { }
            }
            """, Leaked("SafeFileHandle", "file"));
    }

    [Fact]
    public async Task DisposedEveryWay_NotReported()
    {
        await Verify.VerifyAsync("""
            class UsingStatement : IFiles { public void Keep(SafeFileHandle file) { using (file) { } } }
            class UsingDeclaration : IFiles { public void Keep(SafeFileHandle file) { using var owned = file; Console.WriteLine(owned.IsInvalid); } }
            class UsingOtherVariable : IFiles { public void Keep(SafeFileHandle file) { using (SafeFileHandle owned = file) { } } }
            class Dispose : IFiles { public void Keep(SafeFileHandle file) => file.Dispose(); }
            class ConditionalDispose : IFiles { public void Keep(SafeFileHandle file) => file?.Dispose(); }
            class DisposeInFinally : IFiles
            {
                public void Keep(SafeFileHandle file)
                {
                    try { Console.WriteLine(file.IsInvalid); }
                    finally { file.Dispose(); }
                }
            }
            class Close : ISockets { public void Serve(Socket socket) { socket.Send(new byte[1]); socket.Close(); } }
            class EndDisposed : ISessions { public void Open(ChannelEnd<IOther> end) { using (end) { } } }
            partial class PartialDispose : IFiles { public partial void Keep(SafeFileHandle file); }
            partial class PartialDispose { public partial void Keep(SafeFileHandle file) => file.Dispose(); }
            class AsyncUsing : IAsyncFiles
            {
                public async Task KeepAsync(SafeFileHandle file, CancellationToken cancellationToken)
                {
                    using var owned = file;
                    await Task.Delay(1, cancellationToken);
                }
            }
            """);
    }

    [Fact]
    public async Task HandedOffEveryWay_NotReported()
    {
        await Verify.VerifyAsync("""
            class Argument : IFiles { public void Keep(SafeFileHandle file) => Archive(file); static void Archive(SafeFileHandle file) => file.Dispose(); }
            class Stream : IFiles { public void Keep(SafeFileHandle file) { var stream = new FileStream(file, FileAccess.Read); stream.Dispose(); } }
            class Field : IFiles { private SafeFileHandle? _file; public void Keep(SafeFileHandle file) => _file = file; }
            class Property : IFiles { public SafeFileHandle? File { get; set; } public void Keep(SafeFileHandle file) { File = file; } }
            class Collection : IFiles { private readonly List<SafeFileHandle> _files = new(); public void Keep(SafeFileHandle file) => _files.Add(file); }
            class Returned : IEcho { public SafeFileHandle Echo(SafeFileHandle file) => file; }
            class Lambda : IFiles { public void Keep(SafeFileHandle file) { Action later = () => file.Dispose(); later(); } }
            class LocalFunction : IFiles { public void Keep(SafeFileHandle file) { Close(); void Close() => file.Dispose(); } }
            class Background : IFiles { public void Keep(SafeFileHandle file) => Task.Run(() => Console.WriteLine(file.IsInvalid)); }
            class OtherLocal : IFiles { public void Keep(SafeFileHandle file) { var kept = file; kept.Dispose(); } }
            class Reassigned : IFiles { public void Keep(SafeFileHandle file) { file = null!; } }
            class GivenUp : IFiles { public void Keep(SafeFileHandle file) { nint fd = file.DangerousGetHandle(); file.SetHandleAsInvalid(); Console.WriteLine(fd); } }
            class SocketTaken : ISessions { public void Open(ChannelEnd<IOther> end) { var socket = end.TakeSocket(); socket.Dispose(); } }
            class SocketWrapped : ISockets { public void Serve(Socket socket) { using var stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: true); } }
            class InnerHandleKept : ISockets { private SafeSocketHandle? _handle; public void Serve(Socket socket) => _handle = socket.SafeHandle; }
            """);
    }

    [Fact]
    public async Task NotAServerMethod_NotReported()
    {
        await Verify.VerifyAsync("""
            // The same method in a class that implements no contract.
            class NoContract
            {
                public void Keep(SafeFileHandle file) { }
            }

            // A class that implements the contract explicitly: its public method of the same shape is not the implementation.
            class Explicit : IFiles
            {
                void IFiles.Keep(SafeFileHandle file) => file.Dispose();
                public void Keep(SafeFileHandle file) { }
                public void Keep(SafeFileHandle file, int extra) { }
            }

            // An interface that is not a contract.
            interface IPlain
            {
                void Keep(SafeFileHandle file);
            }

            class Plain : IPlain
            {
                public void Keep(SafeFileHandle file) { }
            }

            // Another parameter type: not a descriptor the channel hands over.
            [SocketPairChannel]
            public partial interface INotes
            {
                void Note(string text, int descriptor, System.Runtime.InteropServices.SafeHandle? handle);
            }

            class Notes : INotes
            {
                public void Note(string text, int descriptor, System.Runtime.InteropServices.SafeHandle? handle) { }
            }
            """);
    }

    [Fact]
    public async Task AbstractMethodsAndTheContractsThemselves_NotReported()
    {
        await Verify.VerifyAsync("""
            abstract class StoreBase : IFiles
            {
                public abstract void Keep(SafeFileHandle file);
            }

            // A default body in the contract (SPG0104 rejects it) or in an interface that extends it: not a server class.
            [SocketPairChannel]
            public partial interface IDefaults
            {
                void Keep(SafeFileHandle file) { }
            }

            interface IFilesWithDefault : IFiles
            {
                void IFiles.Keep(SafeFileHandle file) { }
            }
            """);
    }

    [Theory]
    [InlineData("/0/IFiles.SocketPair.g.cs", "", false)]
    [InlineData("/0/Client.cs", "// <auto-generated/>\n", false)]
    [InlineData("/0/Client.cs", "", true)]
    public async Task ClientProxy_SkippedOnlyAsGeneratedCode(string path, string header, bool reported)
    {
        // The generated client implements the contract too, but sends what it is given: generated code (named as the
        // generator names its files, or marked) is not analyzed; the same class written by hand is.
        var test = new ReceivedAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.ReceivedDescriptorLeakAnalyzer>("class Empty { }");
        test.TestState.Sources.Add((path, header + """
            using Microsoft.Win32.SafeHandles;

            partial interface IFiles
            {
                public sealed class Client : IFiles
                {
                    public void Keep(SafeFileHandle file) { }
                }
            }
            """));
        if (reported)
        {
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.ReceivedDescriptorLeaked)
                .WithSpan(path, 7, 41, 7, 45)
                .WithArguments("SafeFileHandle", "file", "never disposed nor handed off in this method"));
        }

        await test.RunAsync();
    }

    [Fact]
    public async Task NullOrInvalidChecksBeforeTheDisposal_NotReported()
    {
        await Verify.VerifyAsync("""
            class IsNull : IFiles { public void Keep(SafeFileHandle? file) { if (file is null) return; using (file) { } } }
            class EqualsNull : IFiles { public void Keep(SafeFileHandle? file) { if (null == file) { return; } file.Dispose(); } }
            class NotNull : IFiles { public void Keep(SafeFileHandle? file) { if (file is not null) { file.Dispose(); } } }
            class Invalid : IFiles { public void Keep(SafeFileHandle file) { if (file.IsInvalid) return; file.Dispose(); } }
            class ThrowIfNull : IFiles { public void Keep(SafeFileHandle file) { ArgumentNullException.ThrowIfNull(file); file.Dispose(); } }
            class StillOpen : ISessions { public void Open(ChannelEnd<IOther> end) { if (end.IsOpen) end.Dispose(); } }
            """);
    }

    [Fact]
    public async Task ArrayMentionedAtAll_NotReported()
    {
        await Verify.VerifyAsync("""
            class Disposed : IBatches { public void KeepAll(SafeFileHandle[] files) { foreach (SafeFileHandle file in files) using (file) { } } }
            class Counted : IBatches { public void KeepAll(SafeFileHandle[] files) => Console.WriteLine(files.Length); }
            """);
    }

    [Fact]
    public async Task BodyThatAlwaysThrows_NotReported()
    {
        await Verify.VerifyAsync("""
            class Store : IFiles
            {
                public void Keep(SafeFileHandle file) => throw new NotSupportedException();
            }
            """);
    }
}
