using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Client;

/// <summary>
/// Scenario 3 of the hardening issue: cancelling never blocks the thread that cancels, even when the socket is full,
/// and a token that fires after the call was registered but before its request went out ends the call at once
/// without the server ever seeing the request (it can never run it with a token that cannot fire).
/// </summary>
public class ClientCancellationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CancellingWhileThePeerStoppedReading_ReturnsAtOnce_AndEndsTheCall()
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        var client = new CalculatorClient(clientEnd);
        using var cancelNow = new CancellationTokenSource();
        using var cancelByTimer = new CancellationTokenSource();
        Task<int> first = client.AddAsync(1, 2, cancelNow.Token).AsTask();
        Task<int> second = client.AddAsync(3, 4, cancelByTimer.Token).AsTask();

        // The peer never reads again: an 8 MiB request fills both socket buffers and its sender blocks for good.
        Task<byte[]> blocked = Task.Factory.StartNew(() => client.Echo(new byte[8 << 20]), TaskCreationOptions.LongRunning);
        await Task.Delay(300);
        Assert.False(blocked.IsCompleted);

        var stopwatch = Stopwatch.StartNew();
        await Task.Run(cancelNow.Cancel).WaitAsync(Timeout);
        TimeSpan cancelTook = stopwatch.Elapsed;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Timeout));
        Assert.True(cancelTook < TimeSpan.FromSeconds(1), $"Cancel() took {cancelTook.TotalMilliseconds:F0} ms");

        // From a CancelAfter timer thread too: its callback must not wait for the full socket either.
        cancelByTimer.CancelAfter(20);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(Timeout));

        client.Dispose();
        await Assert.ThrowsAsync<ChannelClosedException>(() => blocked.WaitAsync(Timeout));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TokenFiringBeforeTheRequestGoesOut_EndsTheCall_AndTheServerNeverSeesIt(bool awaited)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        peer.SendHello(Calculator.Contract, Hello.ServerRole);
        using ChannelClient client = ChannelClient.Connect(clientEnd, Calculator.Contract);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        Assert.Equal(2, await CallAndAnswer(client, peer, 1, 1));

        // The payload cancels the token while it is being encoded: after the call got its id and its token
        // registration, before any byte of its request is written.
        using var cts = new CancellationTokenSource();
        var request = new CancellingAddRequest(cts, 5, 6);
        if (awaited)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => client.CallAsync<CancellingAddRequest, int, ValuePayload<int>>(Calculator.AddId, request, cts.Token).AsTask().WaitAsync(Timeout));
        }
        else
        {
            Assert.ThrowsAny<OperationCanceledException>(
                () => client.Call<CancellingAddRequest, int, ValuePayload<int>>(Calculator.AddId, request, cts.Token));
        }

        // Nothing of that call reached the peer: no request and no Cancel. The next frame is the next call's.
        Assert.Equal(15, await CallAndAnswer(client, peer, 7, 8));
    }

    /// <summary>Makes an Add call; the raw peer reads its request (it must be the next frame) and answers it.</summary>
    private static async Task<int> CallAndAnswer(ChannelClient client, RawPeer peer, int a, int b)
    {
        Task<int> call = client.CallAsync<AddRequest, int, ValuePayload<int>>(Calculator.AddId, new AddRequest(a, b)).AsTask();
        (FrameHeader header, byte[] payload) = peer.ReadFrame()!.Value;
        Assert.Equal(FrameKind.Request, header.Kind);
        Assert.Equal((a, b), (BinaryPrimitives.ReadInt32LittleEndian(payload), BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(4))));
        byte[] result = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(result, a + b);
        peer.Send(RawPeer.Frame(FrameKind.Response, header.CallId, result, header.MethodId));
        return await call.WaitAsync(Timeout);
    }

    /// <summary>Two ints, and a token source it cancels while it is written.</summary>
    private readonly struct CancellingAddRequest(CancellationTokenSource source, int a, int b) : IFramePayload
    {
        public long InlineLength => 8;

        public ReadOnlySpan<byte> Trailer => default;

        public void WriteInline(ref WireWriter writer)
        {
            source.Cancel();
            new AddRequest(a, b).WriteInline(ref writer);
        }
    }
}
