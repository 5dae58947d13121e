using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Targets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>
/// Seeds of the server target: what a real client writes for every method (one request per seed, and all of them
/// in one stream), a call cancelled while it runs and one cancelled while queued, and the handshake-included
/// and concurrent variants.
/// </summary>
internal static class ServerSeeds
{
    public static IReadOnlyList<FuzzInput> Build()
    {
        (byte[] hello, List<byte[]> requests, byte[] cancels) = Record();
        var seeds = new List<FuzzInput>();
        for (int i = 0; i < requests.Count; i++)
        {
            seeds.Add(new FuzzInput($"request-{SampleCalls.All[i].Name}", [0, .. requests[i]]));
        }

        byte[] all = [.. requests.SelectMany(r => r)];
        seeds.Add(new FuzzInput("every-request", [0, .. all]));
        seeds.Add(new FuzzInput("every-request-concurrent", [ServerTarget.ConcurrentCalls, .. all]));
        seeds.Add(new FuzzInput("cancels", [0, .. cancels]));
        seeds.Add(new FuzzInput("cancels-concurrent", [ServerTarget.ConcurrentCalls, .. cancels]));
        seeds.Add(new FuzzInput("raw-hello-and-requests", [ServerTarget.RawHello, .. hello, .. requests[0], .. requests[^1]]));
        seeds.Add(new FuzzInput("raw-hello-only", [ServerTarget.RawHello, .. hello]));
        seeds.Add(new FuzzInput("empty", [0]));
        return seeds;
    }

    /// <summary>
    /// Runs every sample call, then the cancellation calls, through a tap, and returns the client's handshake,
    /// each sample's request frame, and the bytes of the cancellation calls (requests and Cancel frames).
    /// </summary>
    private static (byte[] Hello, List<byte[]> Requests, byte[] Cancels) Record()
    {
        using var tap = new RecordingTap();
        var options = new ChannelOptions { MaxFrameSize = Limits.MaxFrameSize };
        Task serving = IEverything.ServeAsync(tap.ServerSocket, new Everything(), options);
        int samplesEnd;
        using (IEverything.Client client = IEverything.Connect(tap.ClientSocket, options))
        {
            foreach ((string _, Action<IEverything> call) in SampleCalls.All)
            {
                call(client);
            }

            samplesEnd = tap.ClientToServer.Length;

            // A call cancelled while it runs, and one cancelled while it waits behind it (one call at a time).
            using var running = new CancellationTokenSource();
            using var queued = new CancellationTokenSource();
            Task<int> first = client.DelayAsync(5_000, running.Token).AsTask();
            Task<int> second = client.DelayAsync(5_000, queued.Token).AsTask();
            queued.Cancel();
            running.Cancel();
            Ignore(first);
            Ignore(second);
            client.PingAsync().AsTask().GetAwaiter().GetResult();
        }

        serving.Wait(TimeSpan.FromSeconds(10));
        tap.WaitForEnd();

        byte[] sent = tap.ClientToServer;
        var frames = new List<RawFrame>();
        RawFrame.Split(sent, frames);
        int helloEnd = FrameHeader.Size + (int)frames[0].PayloadLength;
        var requests = new List<byte[]>();
        foreach (RawFrame frame in frames.Skip(1).Where(f => f.Offset < samplesEnd))
        {
            requests.Add(sent.AsSpan(frame.Offset, FrameHeader.Size + (int)frame.PayloadLength).ToArray());
        }

        if (requests.Count != SampleCalls.All.Count)
        {
            throw new InvalidOperationException($"Expected one request per sample call ({SampleCalls.All.Count}), recorded {requests.Count}.");
        }

        return (sent[..helloEnd], requests, sent[samplesEnd..]);
    }

    private static void Ignore(Task task)
    {
        try
        {
            task.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Cancelled, as intended.
        }
    }
}
