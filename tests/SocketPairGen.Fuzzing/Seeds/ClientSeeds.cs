using System.Net.Sockets;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Targets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>
/// Seeds of the client target: for every plan, the client target's own prologue puts the calls in flight; their
/// request frames (and Cancel frames) are forwarded to a real <see cref="Everything"/> server, and its replies are
/// the seed. So each seed answers exactly the call ids a fresh client gives (today 0x00010000 to 0x00010004).
/// Variants: the replies in the server's order, reversed, only the first half (the rest end at the end of
/// stream), the first reply repeated (a reply for an id no longer in flight), and cut inside the last frame.
/// </summary>
internal static class ClientSeeds
{
    public static IReadOnlyList<FuzzInput> Build()
    {
        var seeds = new List<FuzzInput>();
        for (int plan = 0; plan < CallPlans.All.Count; plan++)
        {
            AddVariants(seeds, (byte)plan, $"plan{plan}", allVariants: true);
            AddVariants(seeds, (byte)(plan | ClientTarget.CancelAwaited | ClientTarget.CancelSync), $"plan{plan}-cancelled", allVariants: false);
        }

        AddVariants(seeds, ClientTarget.AsyncContinuations, "plan0-async-continuations", allVariants: false);
        return seeds;
    }

    private static void AddVariants(List<FuzzInput> seeds, byte control, string name, bool allVariants)
    {
        List<byte[]> replies = RecordReplies(control);
        seeds.Add(new FuzzInput($"{name}-replies", Join(control, replies)));
        seeds.Add(new FuzzInput($"{name}-reversed", Join(control, Enumerable.Reverse(replies))));
        if (allVariants)
        {
            seeds.Add(new FuzzInput($"{name}-first-half", Join(control, replies.Take(replies.Count / 2))));
            seeds.Add(new FuzzInput($"{name}-duplicate", Join(control, [.. replies, replies[0]])));
            byte[] all = Join(control, replies);
            seeds.Add(new FuzzInput($"{name}-cut", all[..^3]));
        }
    }

    private static byte[] Join(byte control, IEnumerable<byte[]> frames) => [control, .. frames.SelectMany(f => f)];

    /// <summary>Puts the plan's calls in flight on a fresh client and has a real server answer their requests.</summary>
    private static List<byte[]> RecordReplies(byte control)
    {
        byte[] frameBuffer = new byte[FrameHeader.Size + Limits.MaxFrameSize];
        InputBudget budget = InputBudget.Start(0);
        (Socket clientEnd, Socket peer) = SocketPair.Create();
        (Socket serverPeer, Socket serverEnd) = SocketPair.Create();
        using (peer)
        using (serverPeer)
        {
            var options = new ChannelOptions { MaxFrameSize = Limits.MaxFrameSize, MaxConcurrentCalls = 8 };
            Task serving = IEverything.ServeAsync(serverEnd, new Everything(), options);
            (IEverything.Client client, CallsInFlight calls) = ClientTarget.Prologue(control, clientEnd, peer, frameBuffer, budget, keepRequests: true);
            using (client)
            {
                serverPeer.Send(Hello.EncodeFrame(IEverything.Client.Contract, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize)));
                foreach (byte[] request in calls.RequestBytes)
                {
                    serverPeer.Send(request);
                }

                int cancelled = Enumerable.Range(0, calls.Count).Count(calls.WasCancelled);
                for (int i = 0; i < cancelled; i++)
                {
                    PeerIo.TryReadFrame(peer, frameBuffer, budget, "a Cancel frame", out _, out ReadOnlySpan<byte> payload);
                    serverPeer.Send([.. frameBuffer.AsSpan(0, FrameHeader.Size), .. payload]);
                }

                InputBudget serverBudget = InputBudget.Start(0);
                PeerIo.TryReadFrame(serverPeer, frameBuffer, serverBudget, "the server's handshake", out _, out _);
                var replies = new List<byte[]>();
                while (replies.Count < calls.Count)
                {
                    if (!PeerIo.TryReadFrame(serverPeer, frameBuffer, serverBudget, "a reply", out _, out ReadOnlySpan<byte> payload))
                    {
                        serving.Wait(TimeSpan.FromSeconds(10));
                        throw new InvalidOperationException($"The real server closed after {replies.Count} of {calls.Count} replies: {serving.Exception?.InnerException?.Message}", serving.Exception);
                    }

                    replies.Add([.. frameBuffer.AsSpan(0, FrameHeader.Size), .. payload]);
                }

                serverPeer.Shutdown(SocketShutdown.Send);
                serving.Wait(TimeSpan.FromSeconds(10));
                return replies;
            }
        }
    }
}
