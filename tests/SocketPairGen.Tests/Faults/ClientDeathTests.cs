using System.Diagnostics;
using System.Globalization;
using SocketPairGen.TestContracts;
using SocketPairGen.Tests.Stress;
using SocketPairGen.Wire;
using Xunit.Abstractions;

namespace SocketPairGen.Tests.Faults;

/// <summary>
/// A child acting as an <see cref="IStress"/> client by hand dies in the middle of a request while two of its calls
/// run on this process's server: serving must end (normally: the client is gone, which the README calls the end of
/// serving, not a protocol error), the running calls' tokens must fire, and nothing may leak.
/// </summary>
[Collection(DescriptorCountCollection.Name)]
public class ClientDeathTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private const int BlockLength = 64 * 1024;

    /// <summary>Header, the order (24 bytes), the block's count, the block.</summary>
    private const int FrameLength = FrameHeader.Size + 24 + 4 + BlockLength;

    public static TheoryData<int> Cuts => [0, 1, 15, 16, 17, FrameHeader.Size + ((FrameLength - FrameHeader.Size) / 2), FrameLength - 1];

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task ClientKilledInsideARequest_EndsServing_AndFiresTheRunningCallsTokens(int cut)
    {
        LeakCheck leaks = await LeakCheck.StartAsync();
        var service = new StressService(keepJournal: true);
        await using (FaultPeerProcess peer = FaultPeerProcess.Start(
            "fault-client", cut.ToString(CultureInfo.InvariantCulture), BlockLength.ToString(CultureInfo.InvariantCulture)))
        {
            Task serving = IStress.ServeAsync(peer.Child.Socket, service, new ChannelOptions { MaxConcurrentCalls = 4 });
            await peer.WaitUntilReadyAsync($"the server's handshake, then it sends two requests and {cut} bytes of a third");
            await Task.WhenAll(service.WhenStarted(1), service.WhenStarted(2)).WaitAsync(SocketText.Timeout);

            long killedAt = peer.Kill();
            await Task.WhenAny(serving, Task.Delay(SocketText.Timeout));
            long servingEndedAt = Stopwatch.GetTimestamp();
            Assert.True(serving.IsCompleted, $"Serving had not ended {SocketText.Timeout.TotalSeconds} s after the client's death.");
            Assert.True(
                serving.IsCompletedSuccessfully,
                $"Serving ended with {serving.Exception?.InnerException?.GetType().Name}: {serving.Exception?.InnerException?.Message}");

            TimeSpan servingLatency = Stopwatch.GetElapsedTime(killedAt, servingEndedAt);
            TimeSpan[] tokenLatencies = [.. new long[] { 1, 2 }.Select(n => service.TokenFiredAt(n) is long at
                ? Stopwatch.GetElapsedTime(killedAt, at)
                : TimeSpan.MaxValue)];
            output.WriteLine(
                $"client-kill cut={cut}: serving ended {servingLatency.TotalMilliseconds:F1} ms, tokens fired " +
                string.Join(", ", tokenLatencies.Select(l => l == TimeSpan.MaxValue ? "never" : $"{l.TotalMilliseconds:F1} ms")) +
                " after the kill");
            Assert.True(servingLatency < Bound, $"Serving ended {servingLatency.TotalMilliseconds:F1} ms after the client's death.");
            Assert.All(tokenLatencies, l => Assert.True(l < Bound, "A running call's token fired late or never."));
            Assert.DoesNotContain(3L, service.CallsWithFiredTokens); // the cut request never ran
        }

        await leaks.AssertNothingLeftAsync();
    }
}
