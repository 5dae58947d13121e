using System.Diagnostics;

namespace SocketPairGen.Tests;

public class ChildProcessLifecycleTests
{
    private static readonly TimeSpan Timeout = SocketText.Timeout;

    [Fact]
    public async Task ChildExits_ParentSeesEndOfStreamAndExitCode()
    {
        using ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "exit 3"]);

        Assert.Equal("", SocketText.ReadToEnd(child.Socket)); // Receive returned 0: end of stream
        Assert.Equal(3, await child.WaitForExitAsync().WaitAsync(Timeout));
        Assert.True(child.HasExited);
        Assert.Equal(3, child.ExitCode);
    }

    [Fact]
    public async Task DotNetChild_ExitCode_IsReported()
    {
        using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["exit", "7"]);

        Assert.Equal(7, await child.WaitForExitAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Kill_RunningChild_ExitCodeIs137AndEndOfStreamArrivesPromptly()
    {
        using ChildProcess child = ChildProcess.Start("sleep", ["100"]);
        Assert.False(child.HasExited);
        Assert.Throws<InvalidOperationException>(() => child.ExitCode);
        var stopwatch = Stopwatch.StartNew();

        child.Kill();

        Assert.Equal("", SocketText.ReadToEnd(child.Socket));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"end of stream took {stopwatch.Elapsed}");
        Assert.Equal(128 + 9, await child.WaitForExitAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Kill_ExitedChild_DoesNothing()
    {
        using ChildProcess child = ChildProcess.Start("/bin/true", []);
        Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(Timeout));

        child.Kill();
        child.Kill();

        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task WaitForExitAsync_Canceled_ThrowsAndLeavesChildRunning()
    {
        using ChildProcess child = ChildProcess.Start("sleep", ["100"]);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => child.WaitForExitAsync(cancellation.Token));

        Assert.False(child.HasExited);
    }

    [Fact]
    public async Task Dispose_RunningChild_EndsAndReapsIt()
    {
        var child = ChildProcess.Start("sleep", ["100"], new ChildProcessOptions { ExitGracePeriod = TimeSpan.FromMilliseconds(100) });

        child.Dispose();
        child.Dispose(); // idempotent

        Assert.True(child.HasExited);
        Assert.Equal(128 + 9, await child.WaitForExitAsync());
        Assert.True(child.Socket.SafeHandle.IsClosed);
        Assert.False(ProcessTable.IsZombie(child.Id));
    }

    [Fact]
    public async Task DisposeAsync_RunningChild_EndsAndReapsIt()
    {
        var child = ChildProcess.Start("sleep", ["100"], new ChildProcessOptions { ExitGracePeriod = TimeSpan.FromMilliseconds(100) });

        await child.DisposeAsync();
        await child.DisposeAsync(); // idempotent

        Assert.True(child.HasExited);
        Assert.Equal(128 + 9, await child.WaitForExitAsync());
        Assert.False(ProcessTable.IsZombie(child.Id));
    }

    [Fact]
    public async Task Dispose_ChildThatExitsOnEndOfStream_ExitsOnItsOwn()
    {
        // The child reads its socket until end of stream, which only Dispose closing the parent's end can cause.
        var child = ChildProcess.Start("/bin/sh", ["-c", "cat <&3 >/dev/null; exit 5"],
            new ChildProcessOptions { ExitGracePeriod = Timeout });

        await child.DisposeAsync();

        Assert.Equal(5, child.ExitCode);
    }

    [Fact]
    public async Task ChildNeverWaitedFor_IsReapedAnyway()
    {
        using ChildProcess child = ChildProcess.Start("/bin/true", []);
        var deadline = DateTime.UtcNow + Timeout;

        while (!child.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(child.HasExited);
        Assert.False(ProcessTable.IsZombie(child.Id));
    }
}
