using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Tests;

// Invalid standard-stream options fail with an ArgumentException before the socket pair (the first thing
// ChildProcess.Start creates) exists. The descriptor-count halves live in ChildStandardStreamLeakTests.
public class ChildProcessStandardStreamValidationTests
{
    [Fact]
    public void FromHandle_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("handle", () => ChildStandardStream.FromHandle((SafeFileHandle)null!));
    }

    [Fact]
    public void FromHandle_ClosedHandle_ThrowsArgumentExceptionSayingClosed()
    {
        SafeFileHandle file = File.OpenHandle("/dev/null");
        file.Dispose();

        var exception = Assert.Throws<ArgumentException>("handle", () => ChildStandardStream.FromHandle(file));

        Assert.Contains("closed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHandle_InvalidHandle_ThrowsArgumentExceptionSayingInvalid()
    {
        using var invalid = new SafeFileHandle(-1, ownsHandle: false);

        var exception = Assert.Throws<ArgumentException>("handle", () => ChildStandardStream.FromHandle(invalid));

        Assert.Contains("invalid", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardStreamProperties_SetToNull_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ChildProcessOptions { StandardInput = null! });
        Assert.Throws<ArgumentNullException>(() => new ChildProcessOptions { StandardOutput = null! });
        Assert.Throws<ArgumentNullException>(() => new ChildProcessOptions { StandardError = null! });
    }

    [Fact]
    public void Options_Defaults_InheritEverything()
    {
        var options = new ChildProcessOptions();

        Assert.Same(ChildStandardStream.Inherit, options.StandardInput);
        Assert.Same(ChildStandardStream.Inherit, options.StandardOutput);
        Assert.Same(ChildStandardStream.Inherit, options.StandardError);
        Assert.True(options.InheritEnvironment);
        Assert.Equal(ChildStandardStreamKind.Handle, ChildStandardStream.FromHandle(File.OpenHandle("/dev/null")).Kind);
    }

    [Fact]
    public void Start_HandleClosedAfterTheOptionsWereMade_ThrowsArgumentExceptionBeforeCreatingAnything()
    {
        SafeFileHandle file = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var options = new ChildProcessOptions { StandardError = ChildStandardStream.FromHandle(file) };
        file.Dispose();

        var exception = StartExpectingNoPair(options);

        Assert.Contains("StandardError", exception.Message, StringComparison.Ordinal);
        Assert.Contains("closed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_HandleThatIsNoOpenDescriptor_ThrowsArgumentExceptionBeforeCreatingAnything()
    {
        // A number far above anything this process opens; the handle does not own it.
        using var notOpen = new SafeFileHandle(1_000_000, ownsHandle: false);
        var options = new ChildProcessOptions { StandardOutput = ChildStandardStream.FromHandle(notOpen) };

        var exception = StartExpectingNoPair(options);

        Assert.Contains("StandardOutput", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not an open descriptor", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WriteOnlyHandleAsStandardInput_ThrowsArgumentExceptionBeforeCreatingAnything()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var options = new ChildProcessOptions { StandardInput = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle) };

        var exception = StartExpectingNoPair(options);

        Assert.Contains("StandardInput", exception.Message, StringComparison.Ordinal);
        Assert.Contains("write-only", exception.Message, StringComparison.Ordinal);
        Assert.False(pipe.ClientSafePipeHandle.IsClosed);
    }

    [Fact]
    public void Start_ReadOnlyHandleAsStandardOutput_ThrowsArgumentExceptionBeforeCreatingAnything()
    {
        using SafeFileHandle file = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        var options = new ChildProcessOptions { StandardOutput = ChildStandardStream.FromHandle(file) };

        var exception = StartExpectingNoPair(options);

        Assert.Contains("StandardOutput", exception.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", exception.Message, StringComparison.Ordinal);
        Assert.False(file.IsClosed);
    }

    private static ArgumentException StartExpectingNoPair(ChildProcessOptions options)
    {
        bool pairCreated = false;

        var exception = Assert.Throws<ArgumentException>("options", () => ChildProcess.Start(
            "/bin/true", [], options, () =>
            {
                pairCreated = true;
                return SocketPair.Create();
            }));

        Assert.False(pairCreated, "the socket pair was created before the options were rejected");
        return exception;
    }
}
