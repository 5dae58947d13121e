using System.Globalization;
using SocketPairGen.TestContracts;
using SocketPairGen.Tests.Stress;
using SocketPairGen.Wire;
using Xunit.Abstractions;

namespace SocketPairGen.Tests.Faults;

/// <summary>
/// A child serving <see cref="IStress"/> by hand dies inside a reply or a request, half-closes, or stops reading
/// while calls of every kind are pending: each one must fail with <see cref="ChannelClosedException"/> at once
/// (the README: peer death, EOF or reset, fails every pending call with it), and nothing may leak.
/// </summary>
/// <remarks>
/// A frame cut by the peer's death is no protocol error: from this side a peer killed in the middle of a write and a
/// peer that wrote half a frame look the same, and the README promises <see cref="ChannelClosedException"/> for
/// peer death, so that is what every cut position must give.
/// </remarks>
[Collection(DescriptorCountCollection.Name)]
public class ServerFaultTests(ITestOutputHelper output)
{
    /// <summary>The promise is 100 ms; this machine is shared and noisy, so the assertion allows ten times that and
    /// the measured latencies go to the test output.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private const int ReplyBlockLength = 64 * 1024;
    private const int ReplyFrameLength = FrameHeader.Size + 4 + ReplyBlockLength;

    /// <summary>The large request of the request faults: it does not fit the socket buffer, so its sender blocks.</summary>
    private const int RequestBlockLength = 1024 * 1024;

    /// <summary>Header, payload length 28 (the order and the block's count), then the block.</summary>
    private const int RequestFrameLength = FrameHeader.Size + 28 + RequestBlockLength;

    /// <summary>Cut positions across a frame: nothing, inside the header, its end, the first payload byte, the
    /// middle of the payload, one byte short of the end.</summary>
    public static TheoryData<int> ReplyCuts => [0, 1, 15, 16, 17, FrameHeader.Size + ((ReplyFrameLength - FrameHeader.Size) / 2), ReplyFrameLength - 1];

    public static TheoryData<int> RequestCuts => [0, 1, 15, 16, 17, FrameHeader.Size + ((RequestFrameLength - FrameHeader.Size) / 2), RequestFrameLength - 1];

    [Theory]
    [MemberData(nameof(ReplyCuts))]
    public async Task ServerKilledInsideAReply_FailsEveryPendingCallWithClosed(int cut)
    {
        LeakCheck leaks = await LeakCheck.StartAsync();
        await using (FaultPeerProcess peer = StartServer("reply-kill", cut, requests: 6, ReplyBlockLength))
        await using (IStress.Client client = IStress.Connect(peer.Child.Socket))
        {
            var calls = new PendingCalls(client).StartOneOfEach();
            await peer.WaitUntilReadyAsync($"{calls.Count} requests, then it writes {cut} bytes of a reply");
            long killedAt = peer.Kill();
            await Report($"reply-kill cut={cut}", calls.AssertAllClosedAsync(killedAt, Bound));
            calls.DisposeTokens();
        }

        await leaks.AssertNothingLeftAsync();
    }

    [Theory]
    [MemberData(nameof(RequestCuts))]
    public async Task ServerKilledInsideARequest_FailsEveryPendingCallAndTheBlockedSenderWithClosed(int cut)
    {
        LeakCheck leaks = await LeakCheck.StartAsync();
        await using (FaultPeerProcess peer = StartServer("request-kill", cut, requests: 0, RequestBlockLength))
        await using (IStress.Client client = IStress.Connect(peer.Child.Socket))
        {
            var calls = new PendingCalls(client).StartOneOfEach();
            await Task.Delay(50); // the small requests go first, mostly; the peer reads every small one anyway
            calls.StartSync("sync Run with a 1 MiB request", (order, payload) => client.Run(order, payload), RequestBlockLength);
            await peer.WaitUntilReadyAsync($"the 1 MiB request, of which it reads {cut} bytes");
            long killedAt = peer.Kill();
            await Report($"request-kill cut={cut}", calls.AssertAllClosedAsync(killedAt, Bound));
            calls.DisposeTokens();
        }

        await leaks.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public async Task ServerHalfClosesItsEnd_FailsEveryPendingCallWithClosed(int cut)
    {
        LeakCheck leaks = await LeakCheck.StartAsync();
        await using (FaultPeerProcess peer = StartServer("reply-half-close", cut, requests: 6, ReplyBlockLength))
        await using (IStress.Client client = IStress.Connect(peer.Child.Socket))
        {
            var calls = new PendingCalls(client).StartOneOfEach();
            long closedAt = await peer.WaitUntilReadyAsync($"{calls.Count} requests, then it writes {cut} bytes of a reply and shuts down");
            await Report($"half-close cut={cut}", calls.AssertAllClosedAsync(closedAt, Bound));
            Assert.Throws<ChannelClosedException>(() => client.Run(new StressOrder(100, StressAction.Reply, 0, 8), default));
            calls.DisposeTokens();
        }

        await leaks.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ServerStopsReadingThenDies_FailsPendingCallsAndBlockedSendersWithClosed()
    {
        LeakCheck leaks = await LeakCheck.StartAsync();
        await using (FaultPeerProcess peer = StartServer("stop-reading", 0, requests: 6, 0))
        await using (IStress.Client client = IStress.Connect(peer.Child.Socket))
        {
            using var live = new CancellationTokenSource();
            var calls = new PendingCalls(client).StartOneOfEach();
            await peer.WaitUntilReadyAsync($"{calls.Count} requests, then it stops reading");

            // 4 MiB each: far more than the socket buffers hold, so these senders block in the kernel.
            const int Large = 4 * 1024 * 1024;
            calls.StartSync("sync Run blocked sending 4 MiB", (order, payload) => client.Run(order, payload), Large);
            calls.StartSync("sync RunCancellable blocked sending 4 MiB", (order, payload) => client.RunCancellable(order, payload, live.Token), Large);
            calls.StartAwaited("awaited RunAsync blocked sending 4 MiB", (order, payload) => client.RunAsync(order, payload, CancellationToken.None).AsTask(), Large);
            await Task.Delay(300);

            long killedAt = peer.Kill();
            await Report("stop-reading", calls.AssertAllClosedAsync(killedAt, Bound));
            calls.DisposeTokens();
        }

        await leaks.AssertNothingLeftAsync();
    }

    private static FaultPeerProcess StartServer(string fault, int cut, int requests, int blockLength) =>
        FaultPeerProcess.Start(
            "fault-server",
            fault,
            cut.ToString(CultureInfo.InvariantCulture),
            requests.ToString(CultureInfo.InvariantCulture),
            blockLength.ToString(CultureInfo.InvariantCulture));

    private async Task Report(string scenario, Task<string> check) => output.WriteLine($"{scenario}: {await check}");
}
