using System.Globalization;

namespace SocketPairGen.Tests.Channels;

/// <summary>
/// Calls with unmanaged arguments allocate nothing, on either side, once pools and buffers are warm. Counted for
/// a whole process (client, reader and server threads), in a child: the test host allocates in the background.
/// </summary>
public class AllocationTests
{
    [Fact]
    public async Task SyncAndAwaitedCalls_AllocateNothingOnEitherSide()
    {
        await using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["allocations", "20000"]);
        string[] report = SocketText.ReadToEnd(child.Socket).Split(' ');
        Assert.Equal(0, await child.WaitForExitAsync());

        long calls = long.Parse(report[0], CultureInfo.InvariantCulture);
        long allocated = long.Parse(report[1], CultureInfo.InvariantCulture);

        // The runtime's own background work (tiering, timers) allocates a little, independent of the call count;
        // anything allocated per call would show as at least one byte per call.
        Assert.Equal(40_000, calls);
        Assert.True(allocated < calls / 4, $"{allocated} bytes allocated over {calls} calls");
    }
}
