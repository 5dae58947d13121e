using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Tests;

[Collection(DescriptorCountCollection.Name)]
public class ChildStandardStreamLeakTests
{
    [Fact]
    public void Start_RejectedStandardStreams_LeaveDescriptorCountUnchanged()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        using var notOpen = new SafeFileHandle(1_000_000, ownsHandle: false);
        SafeFileHandle closed = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var closedLater = new ChildProcessOptions { StandardOutput = ChildStandardStream.FromHandle(closed) };
        closed.Dispose();
        WarmUp();
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        Assert.Throws<ArgumentException>(() => ChildProcess.Start("/bin/true", [], closedLater));
        Assert.Throws<ArgumentException>(() => ChildProcess.Start(
            "/bin/true", [], new ChildProcessOptions { StandardInput = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle) }));
        Assert.Throws<ArgumentException>(() => ChildProcess.Start(
            "/bin/true", [], new ChildProcessOptions { StandardError = ChildStandardStream.FromHandle(notOpen) }));

        Descriptors.AssertCount(before, snapshot);
    }

    [Fact]
    public void Start_SpawnFailsWithPassedStreams_LeavesDescriptorCountUnchangedAndTheHandleOpen()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var options = new ChildProcessOptions
        {
            StandardInput = ChildStandardStream.Null,
            StandardOutput = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle),
            StandardError = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle),
        };
        WarmUp();
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        // A path with '/' goes straight to posix_spawn: the failure comes after the pair and the file actions exist.
        Assert.Throws<FileNotFoundException>(() => ChildProcess.Start("/nonexistent-socketpairgen/program", [], options));

        Descriptors.AssertCount(before, snapshot);
        Assert.False(pipe.ClientSafePipeHandle.IsClosed);
    }

    [Fact]
    public async Task Start_WithPassedStreams_ParentKeepsOnlyItsOwnEndAndTheCallersHandles()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var options = new ChildProcessOptions
        {
            StandardInput = ChildStandardStream.Null,
            StandardOutput = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle),
            ExitGracePeriod = TimeSpan.Zero,
        };
        WarmUp();
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        await using (ChildProcess child = ChildProcess.Start("sleep", ["100"], options))
        {
            Descriptors.AssertCount(before + 1, snapshot);
        }

        Assert.False(pipe.ClientSafePipeHandle.IsClosed);
    }

    private static void WarmUp()
    {
        using ChildProcess child = ChildProcess.Start(
            "/bin/true", [], new ChildProcessOptions { StandardOutput = ChildStandardStream.Null });
        child.WaitForExitAsync().Wait(SocketText.Timeout);
    }
}
