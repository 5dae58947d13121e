using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Seeds;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>
/// Target (a): a hostile client. A real <see cref="IEverything"/> server (<see cref="Everything"/>, which echoes)
/// serves one end of a real socketpair; the harness writes a valid client handshake and then the input (or the
/// input instead of the handshake), ends the stream, and reads everything the server writes back.
/// </summary>
/// <remarks>
/// Control byte: bit 0 — the input replaces the handshake; bit 1 — <c>MaxConcurrentCalls = 4</c> instead of 1;
/// bit 2 — the harness's handshake announces the smallest maximum frame size (4096) instead of 64 KiB.
/// <para>The server keeps its promises when <c>ServeAsync</c> completes (the client's end of stream) or faults
/// with <see cref="ChannelProtocolException"/>, within the input's second, and everything it wrote is its own
/// handshake followed by final frames (Response, Error, Canceled) that fit the client's announced maximum, each
/// answering a request of the input with that call id and carrying that request's method id, never more
/// replies for an id than requests with it; after a handshake it rejects, nothing but its own.</para>
/// </remarks>
internal sealed class ServerTarget : IFuzzTarget
{
    public const byte RawHello = 1;
    public const byte ConcurrentCalls = 2;
    public const byte SmallestClientFrames = 4;

    /// <summary>The smallest maximum frame size a side may announce.</summary>
    public const int SmallestFrameSize = 4096;

    private static readonly ChannelContract Contract = IEverything.Client.Contract;
    private static readonly byte[] ClientHello = Hello.EncodeFrame(Contract, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize));
    private static readonly byte[] SmallClientHello = Hello.EncodeFrame(Contract, Hello.ClientRole, HelloInfo.ForClient(SmallestFrameSize));
    private static readonly ChannelOptions OneAtATime = new() { MaxFrameSize = Limits.MaxFrameSize };
    private static readonly ChannelOptions FourAtATime = new() { MaxFrameSize = Limits.MaxFrameSize, MaxConcurrentCalls = 4 };

    /// <summary>How long the harness waits for the replies to the input's requests before it ends the stream.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(150);

    private readonly OutputRecorder _output = new();
    private readonly List<RawFrame> _inputFrames = new(1024);
    private readonly Dictionary<uint, RequestsOfId> _requests = new(1024);

    // Which methods each call id named: a set, not a bit mask, since a contract may have any number of methods.
    private readonly HashSet<(uint CallId, ushort MethodId)> _requestedMethods = new(1024);

    public string Name => "server";

    public IReadOnlyList<FuzzInput> BuildSeeds() => ServerSeeds.Build();

    public void Run(ReadOnlySpan<byte> input)
    {
        byte control = input.IsEmpty ? (byte)0 : input[0];
        ReadOnlySpan<byte> body = input.IsEmpty ? default : input[1..];
        bool raw = (control & RawHello) != 0;
        ChannelOptions options = (control & ConcurrentCalls) != 0 ? FourAtATime : OneAtATime;
        byte[] hello = (control & SmallestClientFrames) != 0 ? SmallClientHello : ClientHello;

        InputBudget budget = InputBudget.Start(input.Length);
        (Socket peer, Socket serverEnd) = SocketPair.Create();
        using (peer)
        {
            Task serving = IEverything.ServeAsync(serverEnd, new Everything(), options);
            _output.Start(peer, budget.RemainingMilliseconds);
            bool whole = RawFrame.Split(body, _inputFrames);
            if ((raw || PeerIo.TryWriteAll(peer, hello, budget)) && PeerIo.TryWriteAll(peer, body, budget))
            {
                // The server's handshake, and a final frame per request, before the end of stream drops the rest.
                _output.WaitForFrames(1 + CountRequests(raw), SettleTime);
            }

            PeerIo.EndInput(peer);
            _output.WaitForEnd(budget, "the server's output (it closes its end when serving ends)");
            budget.WaitOrHang(serving, "ServeAsync after the client's end of stream");

            TriageLog.Write($"ServeAsync: {serving.Status} {serving.Exception?.InnerException?.Message}; the input has {_inputFrames.Count} frames (whole: {whole}); the server wrote {_output.Frames.Count} frames");
            int clientMaxFrame = raw ? AcceptedHelloMaxFrame(body) : (control & SmallestClientFrames) != 0 ? SmallestFrameSize : Limits.MaxFrameSize;
            CheckOutcome(serving);
            if (serving.Status == TaskStatus.RanToCompletion)
            {
                CheckNothingInvalidAccepted(raw, clientMaxFrame);
            }

            CheckOutput(raw, clientMaxFrame);
        }

        budget.CheckAllocations();
    }

    private static void CheckOutcome(Task serving)
    {
        if (serving.IsFaulted)
        {
            Exception error = serving.Exception!.InnerException!;
            if (error is not ChannelProtocolException)
            {
                throw FuzzFinding.Unexpected("ServeAsync", error);
            }
        }
        else if (serving.IsCanceled)
        {
            throw new FuzzFinding("unexpected-exception", "ServeAsync was cancelled; nothing cancelled it.");
        }
    }

    /// <summary>
    /// A server that completed normally read every frame up to the end of stream: none of them may break the rules
    /// a header alone shows (a client sends only Request and Cancel frames after its handshake, zero flags and
    /// reserved bytes, at most the server's maximum frame size, a method id the contract has, and Cancel frames
    /// empty with method id 0); in raw mode the first frame must be a handshake it accepts.
    /// </summary>
    private void CheckNothingInvalidAccepted(bool raw, int clientMaxFrame)
    {
        if (raw && _inputFrames.Count > 0 && clientMaxFrame == 0)
        {
            throw new FuzzFinding("invalid-hello-accepted", "ServeAsync completed normally after a client handshake it must reject.");
        }

        for (int i = raw ? 1 : 0; i < _inputFrames.Count; i++)
        {
            RawFrame frame = _inputFrames[i];
            string? broken =
                frame.Flags != 0 || frame.Reserved != 0 ? "non-zero reserved header bytes"
                : frame.PayloadLength > Limits.MaxFrameSize ? "a length over the server's maximum frame size"
                : frame.IsKind(FrameKind.Request) ? (frame.MethodId >= Contract.MethodCount ? "a method id the contract does not have" : null)
                : frame.IsKind(FrameKind.Cancel) ? (frame.PayloadLength != 0 || frame.MethodId != 0 ? "a Cancel frame with a payload or a method id" : null)
                : "a kind a client never sends after its handshake";
            if (broken is not null)
            {
                throw new FuzzFinding("invalid-frame-accepted", $"ServeAsync completed normally although frame {i} of the input has {broken} (kind {frame.Kind}, call id {frame.CallId:x8}, method id {frame.MethodId}, {frame.PayloadLength} bytes).");
            }
        }
    }

    /// <summary>The maximum frame size the input's own handshake announces, or 0 when the server must reject it.</summary>
    private int AcceptedHelloMaxFrame(ReadOnlySpan<byte> body)
    {
        if (_inputFrames.Count == 0)
        {
            return 0;
        }

        RawFrame first = _inputFrames[0];
        if (!first.IsKind(FrameKind.Hello) || first.Flags != 0 || first.Reserved != 0 || first.CallId != 0 || first.MethodId != 0
            || first.PayloadLength > Limits.MaxFrameSize)
        {
            return 0;
        }

        try
        {
            return Hello.Validate(body.Slice(FrameHeader.Size, (int)first.PayloadLength), Contract, Hello.ClientRole).MaxFrameSize;
        }
        catch (ChannelProtocolException)
        {
            return 0;
        }
    }

    private void CheckOutput(bool raw, int clientMaxFrame)
    {
        List<RawFrame> frames = _output.Frames;
        if (frames.Count == 0)
        {
            throw new FuzzFinding("bad-hello", "The server wrote nothing, not even its handshake.");
        }

        if (!frames[0].IsKind(FrameKind.Hello) || frames[0].CallId != 0 || frames[0].MethodId != 0)
        {
            throw new FuzzFinding("bad-hello", $"The server's first frame is {Describe(frames[0])}, not a handshake with ids 0.");
        }

        try
        {
            Hello.Validate(_output.FirstPayload, Contract, Hello.ServerRole);
        }
        catch (ChannelProtocolException ex)
        {
            throw new FuzzFinding("bad-hello", $"The server's handshake does not validate: {ex.Message}");
        }

        if (clientMaxFrame == 0)
        {
            if (frames.Count > 1)
            {
                throw new FuzzFinding("reply-after-rejected-hello", $"The server wrote {Describe(frames[1])} to a client whose handshake it must reject.");
            }

            return;
        }

        CollectRequests(raw);
        for (int i = 1; i < frames.Count; i++)
        {
            CheckReply(frames[i], clientMaxFrame);
        }
    }

    private int CountRequests(bool raw)
    {
        int count = 0;
        for (int i = raw ? 1 : 0; i < _inputFrames.Count; i++)
        {
            count += _inputFrames[i].IsKind(FrameKind.Request) ? 1 : 0;
        }

        return count;
    }

    private void CollectRequests(bool raw)
    {
        _requests.Clear();
        _requestedMethods.Clear();
        for (int i = raw ? 1 : 0; i < _inputFrames.Count; i++)
        {
            RawFrame frame = _inputFrames[i];
            if (frame.IsKind(FrameKind.Request))
            {
                _requests.TryGetValue(frame.CallId, out RequestsOfId seen);
                _requests[frame.CallId] = new RequestsOfId(seen.Count + 1, seen.Replies);
                _requestedMethods.Add((frame.CallId, frame.MethodId));
            }
        }
    }

    private void CheckReply(RawFrame frame, int clientMaxFrame)
    {
        if (!frame.IsKind(FrameKind.Response) && !frame.IsKind(FrameKind.Error) && !frame.IsKind(FrameKind.Canceled))
        {
            throw new FuzzFinding("wrong-kind", $"The server wrote {Describe(frame)}; a server sends only Response, Error and Canceled after its handshake.");
        }

        if (frame.Flags != 0 || frame.Reserved != 0)
        {
            throw new FuzzFinding("bad-header", $"The server wrote {Describe(frame)} with non-zero reserved header bytes.");
        }

        if (frame.PayloadLength > (uint)clientMaxFrame)
        {
            throw new FuzzFinding("frame-over-peer-max", $"The server wrote {Describe(frame)}, larger than the client's announced maximum of {clientMaxFrame} bytes.");
        }

        if (!_requests.TryGetValue(frame.CallId, out RequestsOfId requests))
        {
            throw new FuzzFinding("reply-to-unknown-call", $"The server wrote {Describe(frame)}; the input has no request with that call id.");
        }

        if (requests.Replies >= requests.Count)
        {
            throw new FuzzFinding("duplicate-reply", $"The server wrote {Describe(frame)}: more replies for that call id than requests with it.");
        }

        if (!_requestedMethods.Contains((frame.CallId, frame.MethodId)))
        {
            throw new FuzzFinding("reply-method-id", $"The server wrote {Describe(frame)}; no request with that call id named method {frame.MethodId}.");
        }

        _requests[frame.CallId] = requests with { Replies = requests.Replies + 1 };
    }

    private static string Describe(RawFrame frame) =>
        $"a frame of kind {frame.Kind} (call id {frame.CallId:x8}, method id {frame.MethodId}, {frame.PayloadLength} bytes)";

    private readonly record struct RequestsOfId(int Count, int Replies);
}
