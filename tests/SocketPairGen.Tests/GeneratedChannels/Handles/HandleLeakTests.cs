using Microsoft.Win32.SafeHandles;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels.Handles;

/// <summary>
/// 100,000 calls that each pass a descriptor between this process and a child, in both directions, leave both
/// processes' descriptor counts where they started. The counts are also sampled along the way: a descriptor left to
/// a finalizer would show there before a collection happened to close it.
/// </summary>
[Collection(DescriptorCountCollection.Name)]
public sealed class HandleLeakTests
{
    private const int Calls = 100_000;

    /// <summary>Every this many calls, a result carries a descriptor back (the others carry one to the child).</summary>
    private const int ResultEvery = 10;

    private const int SampleEvery = 2_000;

    /// <summary>Room for descriptors the runtime opens on its own meanwhile (a thread pool's epoll, a timer).</summary>
    private const int Slack = 8;

    [Fact]
    public async Task HundredThousandCallsPassingADescriptor_LeaveBothCountsWhereTheyStarted()
    {
        await using var child = new ChildProcessHandles();
        await child.InitializeAsync();
        IHandles.Client client = child.Client;
        using SafeFileHandle file = TestHandles.TextFile("x");

        // Warm up: the runtime's lazily opened descriptors, on both sides, before the first count.
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal("x", client.ReadText(file));
            client.CreateText("y").Dispose();
        }

        int parentBefore = Tests.Descriptors.CountAfterFinalizers();
        int childBefore = client.OpenDescriptors();
        int parentPeak = parentBefore, childPeak = childBefore;

        for (int i = 1; i <= Calls; i++)
        {
            if (i % ResultEvery == 0)
            {
                using SafeFileHandle result = client.CreateText("y");
                Assert.False(result.IsInvalid);
            }
            else
            {
                Assert.Equal("x", client.ReadText(file));
            }

            if (i % SampleEvery == 0)
            {
                parentPeak = Math.Max(parentPeak, Tests.Descriptors.Count());
                childPeak = Math.Max(childPeak, client.OpenDescriptors());
            }
        }

        Assert.True(parentPeak <= parentBefore + Slack, $"This process held {parentPeak} descriptors at a sample, {parentBefore} before the calls.");
        Assert.True(childPeak <= childBefore + Slack, $"The child held {childPeak} descriptors at a sample, {childBefore} before the calls.");
        Assert.Equal(childBefore, client.OpenDescriptors());
        Assert.Equal(parentBefore, Tests.Descriptors.Count());
    }

    [Fact]
    public async Task CancelledCallsThrowingMethodsAndRefusedCalls_LeaveBothCountsWhereTheyStarted()
    {
        await using var child = new ChildProcessHandles();
        await child.InitializeAsync();
        IHandles.Client client = child.Client;
        using SafeFileHandle file = TestHandles.TextFile("x");
        SafeFileHandle[] tooMany = [.. Enumerable.Range(0, 9).Select(_ => TestHandles.TextFile("y"))];
        try
        {
            await UnhappyPaths(client, file, tooMany); // warm up
            int parentBefore = Tests.Descriptors.CountAfterFinalizers();
            int childBefore = client.OpenDescriptors();

            for (int i = 0; i < 50; i++)
            {
                await UnhappyPaths(client, file, tooMany);
            }

            // A cancelled method closes its file when its token fires, which may be just after the caller saw the
            // cancellation: give the child a moment.
            int childAfter = client.OpenDescriptors();
            for (int i = 0; i < 50 && childAfter != childBefore; i++)
            {
                await Task.Delay(20);
                childAfter = client.OpenDescriptors();
            }

            Assert.Equal(childBefore, childAfter);
            Assert.Equal(parentBefore, Tests.Descriptors.Count());
        }
        finally
        {
            foreach (SafeFileHandle handle in tooMany)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>Every way a call with descriptors can end other than well.</summary>
    private static async Task UnhappyPaths(IHandles.Client client, SafeFileHandle file, SafeFileHandle[] tooMany)
    {
        // Cancelled while the server holds the file; cancelled before a result with a descriptor was sent.
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(5)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.HoldAsync(file, cancellation.Token));
        }

        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(5)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateTextLaterAsync("z", TimeSpan.FromSeconds(30), cancellation.Token));
        }

        // The server's method throws; the server's result holds more than its contract allows; the caller's does.
        Assert.Throws<ChannelRemoteException>(() => client.CloseAndThrow(file));
        Assert.Throws<ChannelRemoteException>(() => client.CreateTexts("n", 9));
        Assert.Throws<ArgumentException>(() => client.ReadTexts(tooMany));

        // New channels opened and closed, from either side.
        using (ICounter.Client counter = ICounter.Connect(client.OpenCounter(1)))
        {
            Assert.Equal(2, counter.Add(1));
        }

        (ChannelEnd<ICounter> mine, ChannelEnd<ICounter> theirs) = ChannelEnd<ICounter>.CreatePair();
        Task serving = ICounter.ServeAsync(mine, new Counter(0));
        using (theirs)
        {
            Assert.Equal(1, client.UseCounter(theirs, 1));
        }

        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
