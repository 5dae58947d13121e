using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Seeds;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>
/// Target (b): a hostile server answering calls in flight. A real generated <see cref="IEverything"/> client
/// talks over a real socketpair; the harness plays the server: it checks the client's handshake, sends a valid
/// server handshake, puts a plan's calls in flight (<see cref="CallsInFlight"/>), then writes the input and ends
/// the stream.
/// </summary>
/// <remarks>
/// Control byte: bits 0–2 — the plan (<see cref="CallPlans"/>); bit 3 — cancel the awaited call with a token
/// before the input; bit 4 — cancel the blocking call with a token before the input; bit 5 —
/// <see cref="ChannelOptions.RunContinuationsAsynchronously"/>.
/// <para>The client keeps its promises when every call ends within the input's second, each in a way the input
/// explains: a result only when the first final frame for its call id is a Response carrying its method id; a
/// <see cref="ChannelRemoteException"/> only for an Error frame, an <see cref="OperationCanceledException"/> only
/// for a Canceled frame or its own cancelled token (a cancelled call always ends so); a
/// <see cref="ChannelProtocolException"/> always; a <see cref="ChannelClosedException"/> when the input ends, between
/// frames or inside one (a peer killed while it wrote is gone like any other). It
/// sends nothing after the requests but one Cancel frame (method id 0, empty) per call the harness cancelled, and
/// closes its end when disposed.</para>
/// </remarks>
internal sealed class ClientTarget : IFuzzTarget
{
    public const byte CancelAwaited = 8;
    public const byte CancelSync = 16;
    public const byte AsyncContinuations = 32;

    /// <summary>The request window the harness announces as the server: room for every call of a plan.</summary>
    public static readonly HelloInfo ServerLimits = new(Limits.MaxFrameSize, 16, 1L << 20);

    private static readonly ChannelContract Contract = IEverything.Client.Contract;
    private static readonly byte[] ServerHello = Hello.EncodeFrame(Contract, Hello.ServerRole, ServerLimits);
    private static readonly ChannelOptions Inline = new() { MaxFrameSize = Limits.MaxFrameSize };
    private static readonly ChannelOptions OnThreadPool = new() { MaxFrameSize = Limits.MaxFrameSize, RunContinuationsAsynchronously = true };

    private readonly OutputRecorder _output = new();
    private readonly byte[] _frameBuffer = new byte[FrameHeader.Size + Limits.MaxFrameSize];
    private readonly List<RawFrame> _inputFrames = new(1024);

    public string Name => "client";

    public IReadOnlyList<FuzzInput> BuildSeeds() => ClientSeeds.Build();

    /// <summary>Connects a fresh client, checks its handshake, answers with the server's and puts the plan's calls in
    /// flight (the seed builder shares this prologue, so the call ids in the seeds are the ones the target sees).</summary>
    public static (IEverything.Client Client, CallsInFlight Calls) Prologue(
        byte control, Socket clientEnd, Socket peer, byte[] frameBuffer, InputBudget budget, bool keepRequests = false)
    {
        IEverything.Client client = IEverything.Connect(clientEnd, (control & AsyncContinuations) != 0 ? OnThreadPool : Inline);
        var calls = new CallsInFlight(CallPlans.All[control & 7]);
        try
        {
            CheckClientHello(peer, frameBuffer, budget);
            if (!PeerIo.TryWriteAll(peer, ServerHello, budget))
            {
                throw new FuzzFinding("hang", "The client stopped reading before the server's handshake.");
            }

            calls.Issue(client, peer, frameBuffer, budget, keepRequests);
            if ((control & CancelAwaited) != 0)
            {
                calls.Cancel(CallStyle.AwaitedCancellable);
            }

            if ((control & CancelSync) != 0)
            {
                calls.Cancel(CallStyle.SyncCancellable);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return (client, calls);
    }

    public void Run(ReadOnlySpan<byte> input)
    {
        byte control = input.IsEmpty ? (byte)0 : input[0];
        ReadOnlySpan<byte> body = input.IsEmpty ? default : input[1..];
        bool whole = RawFrame.Split(body, _inputFrames);

        InputBudget budget = InputBudget.Start(input.Length);
        (Socket clientEnd, Socket peer) = SocketPair.Create();
        using (peer)
        {
            (IEverything.Client client, CallsInFlight calls) = Prologue(control, clientEnd, peer, _frameBuffer, budget);
            try
            {
                _output.Start(peer, budget.RemainingMilliseconds);
                PeerIo.TryWriteAll(peer, body, budget);
                PeerIo.EndInput(peer);
                calls.WaitAll(budget);
                for (int i = 0; i < calls.Count; i++)
                {
                    CheckOutcome(calls, i, whole);
                }
            }
            finally
            {
                client.Dispose();
            }

            _output.WaitForEnd(budget, "the client's end of stream after Dispose");
            calls.DisposeTokens();
            CheckClientOutput(calls);
        }

        budget.CheckAllocations();
    }

    private static void CheckClientHello(Socket peer, byte[] frameBuffer, InputBudget budget)
    {
        if (!PeerIo.TryReadFrame(peer, frameBuffer, budget, "the client's handshake", out RawFrame frame, out ReadOnlySpan<byte> payload))
        {
            throw new FuzzFinding("bad-hello", "The client closed its end without a handshake.");
        }

        if (!frame.IsKind(FrameKind.Hello) || frame.CallId != 0 || frame.MethodId != 0)
        {
            throw new FuzzFinding("bad-hello", $"The client's first frame has kind {frame.Kind}, call id {frame.CallId:x8}, method id {frame.MethodId}.");
        }

        try
        {
            Hello.Validate(payload, Contract, Hello.ClientRole);
        }
        catch (ChannelProtocolException ex)
        {
            throw new FuzzFinding("bad-hello", $"The client's handshake does not validate: {ex.Message}");
        }
    }

    private void CheckOutcome(CallsInFlight calls, int index, bool inputWhole)
    {
        RawFrame request = calls.Requests[index];
        Exception? outcome = calls.Outcome(index);
        string call = $"Call {index} ({calls[index].Method}, {calls[index].Style}, call id {request.CallId:x8})";
        RawFrame? final = FirstFinalFrame(request.CallId);

        if (calls.WasCancelled(index) && outcome is not OperationCanceledException)
        {
            throw new FuzzFinding("cancel-lost", $"{call} was cancelled before any reply, yet ended with {Describe(outcome)}.");
        }

        switch (outcome)
        {
            case null:
                ExpectFinal(final, FrameKind.Response, request, call, "returned a result");
                break;
            case ChannelRemoteException:
                ExpectFinal(final, FrameKind.Error, request, call, "threw ChannelRemoteException");
                break;
            case OperationCanceledException when calls.WasCancelled(index):
                break;
            case OperationCanceledException:
                ExpectFinal(final, FrameKind.Canceled, request, call, "was cancelled");
                break;
            case ChannelProtocolException:
                break;
            case ChannelClosedException:
                break;
            default:
                throw FuzzFinding.Unexpected(call, outcome);
        }
    }

    private static void ExpectFinal(RawFrame? final, FrameKind kind, RawFrame request, string call, string what)
    {
        if (final is not { } frame || !frame.IsKind(kind))
        {
            string instead = final is { } other ? $"the first final frame for its id is of kind {other.Kind}" : "no final frame for its id arrived";
            throw new FuzzFinding("crossed-reply", $"{call} {what}, but {instead}.");
        }

        if (frame.MethodId != request.MethodId)
        {
            throw new FuzzFinding("reply-method-id", $"{call} {what} from a {kind} frame carrying method id {frame.MethodId}; the call's is {request.MethodId}.");
        }
    }

    private RawFrame? FirstFinalFrame(uint callId)
    {
        foreach (RawFrame frame in _inputFrames)
        {
            if (frame.CallId == callId && (frame.IsKind(FrameKind.Response) || frame.IsKind(FrameKind.Error) || frame.IsKind(FrameKind.Canceled)))
            {
                return frame;
            }
        }

        return null;
    }

    private void CheckClientOutput(CallsInFlight calls)
    {
        if (_output.EndedInsideFrame)
        {
            throw new FuzzFinding("torn-frame", "The client's output after its requests ended inside a frame.");
        }

        Span<int> cancels = stackalloc int[calls.Count];
        foreach (RawFrame frame in _output.Frames)
        {
            int index = IndexOf(calls, frame.CallId);
            if (!frame.IsKind(FrameKind.Cancel) || frame.MethodId != 0 || frame.PayloadLength != 0 || frame.Flags != 0 || frame.Reserved != 0)
            {
                throw new FuzzFinding("wrong-kind", $"After its requests the client wrote a frame of kind {frame.Kind} (call id {frame.CallId:x8}, method id {frame.MethodId}, {frame.PayloadLength} bytes); only empty Cancel frames with method id 0 may follow.");
            }

            if (index < 0 || !calls.WasCancelled(index) || ++cancels[index] > 1)
            {
                throw new FuzzFinding("cancel-for-wrong-call", $"The client sent a Cancel frame for call id {frame.CallId:x8}, which the harness did not cancel (or cancelled once).");
            }
        }
    }

    private static int IndexOf(CallsInFlight calls, uint callId)
    {
        for (int i = 0; i < calls.Count; i++)
        {
            if (calls.Requests[i].CallId == callId)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(Exception? outcome) => outcome is null ? "a result" : $"{outcome.GetType().Name} ({outcome.Message})";
}
