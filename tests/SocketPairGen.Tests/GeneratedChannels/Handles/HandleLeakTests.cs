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
}
