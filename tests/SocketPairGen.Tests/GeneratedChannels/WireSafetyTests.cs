using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SocketPairGen.Tests.Channels;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>What generated code puts on the wire, and what it refuses to take from it.</summary>
public class WireSafetyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PaddingOfAStruct_IsSentAsZeros_WhateverTheSendersMemoryHeld()
    {
        Padded dirty = default;
        Unsafe.InitBlockUnaligned(ref Unsafe.As<Padded, byte>(ref dirty), 0xCC, (uint)Unsafe.SizeOf<Padded>());
        dirty.Tag = 1;
        dirty.Value = 2;
        dirty.Flag = true;

        byte[] payload = await CaptureRequestAsync(client => client.EchoPadded(dirty));

        // Padded: byte Tag @0, padding 1..7, long Value @8, bool Flag @16, padding 17..23.
        Assert.Equal(24, payload.Length);
        Assert.Equal(1, payload[0]);
        Assert.All(payload[1..8], b => Assert.Equal(0, b));
        Assert.Equal(2, BitConverter.ToInt64(payload, 8));
        Assert.Equal(1, payload[16]);
        Assert.All(payload[17..24], b => Assert.Equal(0, b));
    }

    public static TheoryData<string, int, byte, string> CorruptedRequests => new()
    {
        // name, offset in the request payload, byte written there, what the error names
        { "bool of 2", 0, 2, "bool" },
        { "undefined enum value", 0, 3, "Color" },
        { "bool field of a struct", 16, 7, "Padded.Flag" },
        { "decimal with a scale of 29", 2, 29, "decimal" },
        { "DateTime past the maximum", 7, 0x3F, "DateTime" },
    };

    [Theory]
    [MemberData(nameof(CorruptedRequests))]
    public async Task ServerReceivingAnInvalidValue_FaultsWithProtocolError(string scenario, int offset, byte value, string expected)
    {
        Func<IEverything, object> call = scenario switch
        {
            "bool of 2" => c => c.EchoBoolean(true),
            "undefined enum value" => c => c.EchoColor(Color.Red),
            "bool field of a struct" => c => c.EchoPadded(new Padded { Flag = true }),
            "decimal with a scale of 29" => c => c.EchoDecimal(1m),
            _ => c => c.EchoDateTime(DateTime.MaxValue),
        };
        (FrameHeader header, byte[] payload) = await CaptureRequestFrameAsync(call);
        payload[offset] = value;

        (Socket peerEnd, Socket serverEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        Task server = IEverything.ServeAsync(serverEnd, new Everything());
        peer.SendHello(IEverything.Client.Contract, Hello.ClientRole);
        peer.Send(RawPeer.Frame(FrameKind.Request, header.CallId, payload, header.MethodId));

        var error = await Assert.ThrowsAsync<ChannelProtocolException>(() => server.WaitAsync(Timeout));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{scenario}: {error.Message}");
    }

    private static async Task<byte[]> CaptureRequestAsync(Func<IEverything, object> call) => (await CaptureRequestFrameAsync(call)).Payload;

    /// <summary>Lets a generated client send one request to a raw peer, and returns that request's frame.</summary>
    private static async Task<(FrameHeader Header, byte[] Payload)> CaptureRequestFrameAsync(Func<IEverything, object> call)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        using var peer = new RawPeer(peerEnd);
        IEverything.Client client = IEverything.Connect(clientEnd);
        Task pending = Task.Run(() => call(client));
        try
        {
            Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
            peer.SendHello(IEverything.Client.Contract, Hello.ServerRole); // the client sends nothing before it
            return peer.ReadFrame()!.Value;
        }
        finally
        {
            await client.DisposeAsync();
            await Assert.ThrowsAsync<ChannelClosedException>(() => pending.WaitAsync(Timeout));
        }
    }
}
