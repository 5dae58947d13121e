using System.Net.Sockets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>
/// A string or a block that cannot be null never arrives as null: the null marker (a length or count of -1) for one
/// is a protocol error on both sides. Where nullable annotations are off, null is accepted.
/// </summary>
public class ReceivedNullTests
{
    private static readonly byte[] NullMarker = [0xFF, 0xFF, 0xFF, 0xFF];

    public static TheoryData<string> Requests =>
    [
        nameof(IEverything.EchoString),
        nameof(IEverything.EchoBytes),
        nameof(IEverything.EchoDoubles),
        nameof(IEverything.EchoBooleans),
        nameof(IEverything.EchoMemory),
        nameof(IEverything.EchoIntMemory),
        nameof(IEverything.CopySpan),
        nameof(IEverything.DoubleInPlace),
        nameof(IEverything.Count),
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ServerReceivingNullForAnArgumentThatCannotBeNull_FaultsWithProtocolError(string method)
    {
        (FrameHeader header, byte[] payload) = await RawEverythingPeer.CaptureRequestAsync(EmptyCall(method));
        Assert.Equal(new byte[4], payload); // the empty value: a length or count of 0, nothing else

        Exception? error = await RawEverythingPeer.ServeOneRequestAsync(header, NullMarker);

        Assert.Contains("null", Assert.IsType<ChannelProtocolException>(error).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Replies =>
    [
        nameof(IEverything.EchoString),
        nameof(IEverything.EchoBytes),
        nameof(IEverything.EchoDoubles),
        nameof(IEverything.EchoBooleans),
        nameof(IEverything.EchoMemory),
        nameof(IEverything.EchoIntMemory),
    ];

    [Theory]
    [MemberData(nameof(Replies))]
    public async Task ClientReceivingNullForAResultThatCannotBeNull_FailsTheCallWithProtocolError(string method)
    {
        Exception? error = await Record.ExceptionAsync(() => RawEverythingPeer.CallAnsweredWithAsync(EmptyCall(method), NullMarker));

        Assert.Contains("null", Assert.IsType<ChannelProtocolException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullableObliviousStringsAndArrays_CarryNullBothWays()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = IOblivious.ServeAsync(serverEnd, new Oblivious());
        await using (IOblivious.Client client = IOblivious.Connect(clientEnd))
        {
            Assert.Null(client.EchoText(null!));
            Assert.Null(client.EchoNumbers(null!));
            Assert.Null(await client.EchoFlagsAsync(null!).AsTask().WaitAsync(RawEverythingPeer.Timeout));
            Assert.Equal("", client.EchoText(""));
            Assert.Equal([1, 2], client.EchoNumbers([1, 2]));
            Assert.Equal(new[] { true }, await client.EchoFlagsAsync([true]).AsTask().WaitAsync(RawEverythingPeer.Timeout));
        }

        await server.WaitAsync(RawEverythingPeer.Timeout);
    }

    /// <summary>A call of <paramref name="method"/> with an empty string or block.</summary>
    private static Func<IEverything, object> EmptyCall(string method) => method switch
    {
        nameof(IEverything.EchoString) => c => c.EchoString(""),
        nameof(IEverything.EchoBytes) => c => c.EchoBytes([]),
        nameof(IEverything.EchoDoubles) => c => c.EchoDoubles([]),
        nameof(IEverything.EchoBooleans) => c => c.EchoBooleans([]),
        nameof(IEverything.EchoMemory) => c => c.EchoMemory(ReadOnlyMemory<byte>.Empty),
        nameof(IEverything.EchoIntMemory) => c => c.EchoIntMemory(Memory<int>.Empty),
        nameof(IEverything.CopySpan) => c => c.CopySpan([]),
        nameof(IEverything.DoubleInPlace) => c => c.DoubleInPlace([]),
        _ => c => c.Count(),
    };
}
