using System.Buffers.Binary;
using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Seeds;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>
/// Target (c): the handshake, on both sides. The input is a hostile handshake that a real server receives from
/// its "client", or a real client from its "server"; a real call (<see cref="Probe"/>) follows it.
/// </summary>
/// <remarks>
/// Control byte: bit 0 — the client receives the input (else the server does); bit 1 — the input is the whole
/// frame, header included (else it is the payload, behind a valid Hello header of its length).
/// <para>The channel keeps its promises when it decides as <see cref="HelloSpec"/> does, within the input's
/// second: on a valid handshake the probe call is answered (the server replies and completes at the end of
/// stream; the client's call returns 42); on an invalid one the server faults with
/// <see cref="ChannelProtocolException"/> and writes nothing after its own handshake, and the client's call fails
/// with <see cref="ChannelProtocolException"/> (<see cref="ChannelClosedException"/> only when the input is
/// empty: nothing came at all). A valid handshake followed by more bytes may go either way, but only so.</para>
/// </remarks>
internal sealed class HandshakeTarget : IFuzzTarget
{
    public const byte ClientSide = 1;
    public const byte RawFrameInput = 2;

    private static readonly ChannelContract Contract = IEverything.Client.Contract;
    private static readonly ChannelOptions Options = new() { MaxFrameSize = Limits.MaxFrameSize };

    private readonly OutputRecorder _output = new();
    private readonly byte[] _frameBuffer = new byte[FrameHeader.Size + Limits.MaxFrameSize];

    public string Name => "handshake";

    public IReadOnlyList<FuzzInput> BuildSeeds() => HandshakeSeeds.Build();

    public void Run(ReadOnlySpan<byte> input)
    {
        byte control = input.IsEmpty ? (byte)0 : input[0];
        ReadOnlySpan<byte> body = input.IsEmpty ? default : input[1..];
        Probe probe = Probe.Instance;
        InputBudget budget = InputBudget.Start(input.Length);
        byte[] frame = (control & RawFrameInput) != 0 ? body.ToArray() : WrapInHeader(body);
        if ((control & ClientSide) != 0)
        {
            RunClientSide(frame, probe, budget);
        }
        else
        {
            RunServerSide(frame, probe, budget);
        }

        budget.CheckAllocations();
    }

    private void RunServerSide(byte[] hello, Probe probe, InputBudget budget)
    {
        HelloVerdict verdict = HelloSpec.Judge(hello, Contract, Hello.ClientRole);
        (Socket peer, Socket serverEnd) = SocketPair.Create();
        using (peer)
        {
            Task serving = IEverything.ServeAsync(serverEnd, new Everything(), Options);
            _output.Start(peer, budget.RemainingMilliseconds);
            if (PeerIo.TryWriteAll(peer, hello, budget))
            {
                PeerIo.TryWriteAll(peer, probe.Request, budget);
            }

            PeerIo.EndInput(peer);
            _output.WaitForEnd(budget, "the server's output");
            budget.WaitOrHang(serving, "ServeAsync after the client's end of stream");

            Exception? error = serving.IsCanceled ? new OperationCanceledException() : serving.Exception?.InnerException;
            if (error is not null and not ChannelProtocolException)
            {
                throw FuzzFinding.Unexpected("ServeAsync", error);
            }

            bool answered = _output.Frames.Exists(f => f.IsKind(FrameKind.Response) && f.CallId == RawFrame.Parse(probe.Request, 0).CallId);
            if (verdict == HelloVerdict.Accept && (error is not null || !answered))
            {
                throw new FuzzFinding("valid-hello-rejected", $"The server rejected a valid client handshake: {error?.Message ?? "the probe call was not answered"}.");
            }

            // A stream that ends inside a frame is a client gone before its handshake was whole: serving just ends.
            bool streamCut = !RawFrame.Split([.. hello, .. probe.Request], []);
            if (verdict == HelloVerdict.Reject && error is null && !streamCut)
            {
                throw new FuzzFinding("invalid-hello-accepted", "The server accepted an invalid client handshake (ServeAsync completed normally).");
            }

            if (verdict == HelloVerdict.Reject && _output.Frames.Count > 1)
            {
                throw new FuzzFinding("reply-after-rejected-hello", $"The server wrote {_output.Frames.Count - 1} frame(s) after its handshake to a client whose handshake it must reject.");
            }
        }
    }

    private void RunClientSide(byte[] hello, Probe probe, InputBudget budget)
    {
        HelloVerdict verdict = HelloSpec.Judge(hello, Contract, Hello.ServerRole);
        (Socket clientEnd, Socket peer) = SocketPair.Create();
        using (peer)
        {
            IEverything.Client client = IEverything.Connect(clientEnd, Options);
            int result = 0;
            Exception? error = null;
            var caller = new Thread(() =>
            {
                try
                {
                    result = client.EchoInt32(Probe.Value);
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            })
            { IsBackground = true, Name = "fuzz handshake call" };
            try
            {
                PeerIo.TryReadFrame(peer, _frameBuffer, budget, "the client's handshake", out _, out _);
                caller.Start();
                // After a handshake the client must reject, the input simply ends: the client must fail by itself.
                if (PeerIo.TryWriteAll(peer, hello, budget) && verdict != HelloVerdict.Reject
                    && PeerIo.TryReadFrame(peer, _frameBuffer, budget, "the probe's request", out RawFrame request, out _))
                {
                    byte[] response = probe.Response.ToArray();
                    BinaryPrimitives.WriteUInt32LittleEndian(response.AsSpan(8), request.CallId);
                    PeerIo.TryWriteAll(peer, response, budget);
                }

                PeerIo.EndInput(peer);
                budget.JoinOrHang(caller, "the probe call");
            }
            finally
            {
                client.Dispose();
            }

            if (error is not null and not ChannelProtocolException and not ChannelClosedException)
            {
                throw FuzzFinding.Unexpected("The probe call", error);
            }

            if (verdict == HelloVerdict.Accept && (error is not null || result != Probe.Value))
            {
                throw new FuzzFinding("valid-hello-rejected", $"The client rejected a valid server handshake: {error?.Message ?? $"the probe returned {result}"}.");
            }

            bool cut = hello.Length == 0 || !RawFrame.Split(hello, []);
            if (verdict == HelloVerdict.Reject && error is not ChannelProtocolException && !(error is ChannelClosedException && cut))
            {
                string outcome = error is null ? "the probe call returned" : $"the probe call ended with {error.GetType().Name}: {error.Message}";
                throw new FuzzFinding("invalid-hello-accepted", $"The client did not reject an invalid server handshake: {outcome}.");
            }

            if (error is ChannelClosedException && !cut)
            {
                throw new FuzzFinding("closed-instead-of-protocol-error", $"The probe call ended with ChannelClosedException ({error.Message}) after a handshake of {hello.Length} bytes.");
            }
        }
    }

    private static byte[] WrapInHeader(ReadOnlySpan<byte> payload)
    {
        byte[] frame = new byte[FrameHeader.Size + payload.Length];
        new FrameHeader(payload.Length, FrameKind.Hello, 0, 0).Write(frame);
        payload.CopyTo(frame.AsSpan(FrameHeader.Size));
        return frame;
    }
}
