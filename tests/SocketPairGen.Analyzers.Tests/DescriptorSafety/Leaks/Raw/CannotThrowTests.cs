using Microsoft.CodeAnalysis.Testing;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks.Raw;

/// <summary>
/// With exception paths on, SPG0010 knows that a method that only stores a field cannot throw
/// (<c>SafeHandle.SetHandle</c>, a method of the compilation whose body only assigns fields): handing the first end
/// of a pipe to its owner does not leak the second.
/// </summary>
public class CannotThrowTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new OwnershipAnalyzerTest<DescriptorLeakAnalyzer>(source, exceptionPaths: true);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task PipeEndsHandedToSafeHandlesWithSetHandle_Silent()
    {
        await VerifyAsync("""
            sealed class PipeEnd : SafeHandle
            {
                private PipeEnd() : base(new IntPtr(-1), ownsHandle: true) { }

                public override bool IsInvalid => handle == new IntPtr(-1);

                protected override bool ReleaseHandle() => close((int)handle) == 0;

                public static unsafe void CreatePair(out PipeEnd readEnd, out PipeEnd writeEnd)
                {
                    readEnd = new PipeEnd();
                    writeEnd = new PipeEnd();
                    int* fds = stackalloc int[2];
                    if (pipe2(fds, O_CLOEXEC) != 0)
                    {
                        throw new IOException("pipe2");
                    }

                    readEnd.SetHandle((IntPtr)fds[0]);
                    writeEnd.SetHandle((IntPtr)fds[1]);
                }
            }
            """);
    }

    [Fact]
    public async Task DescriptorsAttachedByAMethodThatOnlyStoresAField_Silent()
    {
        await VerifyAsync("""
            sealed class Endpoint
            {
                private int _fd = -1;
                private bool _attached;

                public void Attach(int fd)
                {
                    _fd = fd;
                    _attached = true;
                }

                public static void Connect(Endpoint input, Endpoint output, string path)
                {
                    int first = open(path, O_RDONLY | O_CLOEXEC);
                    int second = open(path, O_WRONLY | O_CLOEXEC);
                    input.Attach(first);
                    output.Attach(second);
                }
            }
            """);
    }

    [Fact]
    public async Task AttachedByAMethodThatAlsoLogs_TheSecondLeaksIfItThrows_Reported()
    {
        await VerifyAsync("""
            sealed class Endpoint
            {
                private int _fd = -1;

                public void Attach(int fd)
                {
                    Console.WriteLine("attached");
                    _fd = fd;
                }

                public static void Connect(Endpoint input, Endpoint output, string path)
                {
                    int first = open(path, O_RDONLY | O_CLOEXEC);
                    int second = {|#0:open(path, O_WRONLY | O_CLOEXEC)|};
                    input.Attach(first);
                    output.Attach(second);
                }
            }
            """,
            new DiagnosticResult(Descriptors.DescriptorLeaked).WithLocation(0)
                .WithArguments("open", "not closed nor handed to an owner on every path out of this method")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }
}
