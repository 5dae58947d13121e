using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>Every final frame (Response, Error, Canceled) names the request's method, and no reply is larger than
/// the client said it accepts.</summary>
public class ReplyHeaderTests
{
    private static readonly byte[] ThirtySeconds = BitConverter.GetBytes(30_000);

    [Fact]
    public void ErrorReply_CarriesTheRequestsMethodId()
    {
        using RawClient client = RawClient.Start();
        client.Request(1, Calculator.ThrowId, StringPayload("boom"));

        FrameHeader header = client.Read().Header;
        Assert.Equal((FrameKind.Error, 1u, Calculator.ThrowId), (header.Kind, header.CallId, header.MethodId));
    }

    [Fact]
    public void CanceledReplyOfARunningCall_CarriesTheRequestsMethodId()
    {
        using RawClient client = RawClient.Start();
        client.Request(1, Calculator.DelayId, ThirtySeconds);
        client.Cancel(1);

        FrameHeader header = client.Read().Header;
        Assert.Equal((FrameKind.Canceled, 1u, Calculator.DelayId), (header.Kind, header.CallId, header.MethodId));
    }

    [Fact]
    public void CanceledReplyOfAQueuedCall_CarriesTheRequestsMethodId()
    {
        using RawClient client = RawClient.Start();
        client.Request(1, Calculator.DelayId, BitConverter.GetBytes(200));
        client.Request(2, Calculator.PingId);
        client.Cancel(2);

        FrameHeader first = client.Read().Header;
        FrameHeader second = client.Read().Header;
        FrameHeader canceled = first.CallId == 2 ? first : second;
        Assert.Equal((FrameKind.Canceled, 2u, Calculator.PingId), (canceled.Kind, canceled.CallId, canceled.MethodId));
    }

    [Fact]
    public void ReplyLargerThanTheClientsMaximum_BecomesAnErrorForThatCall()
    {
        // The server accepts the 5000-byte request (its own maximum is 16 MiB); the client accepts frames of at most
        // 4096 bytes, so the 5004-byte echo cannot go back as it is.
        using RawClient client = RawClient.Start(clientMaxFrameSize: 4096);
        client.Request(1, Calculator.EchoId, EchoPayload(5000));

        (FrameHeader header, byte[] payload) = client.Read();
        Assert.Equal((FrameKind.Error, 1u, Calculator.EchoId), (header.Kind, header.CallId, header.MethodId));
        ChannelRemoteException error = ErrorPayload.Decode(payload);
        Assert.Contains("maximum frame size", error.RemoteMessage);

        client.Request(2, Calculator.EchoId, EchoPayload(1000));
        header = client.Read().Header;
        Assert.Equal((FrameKind.Response, 2u), (header.Kind, header.CallId));
    }

    private static byte[] EchoPayload(int blockLength)
    {
        byte[] payload = new byte[4 + blockLength];
        BitConverter.TryWriteBytes(payload, blockLength);
        return payload;
    }

    private static byte[] StringPayload(string text)
    {
        byte[] payload = new byte[WireWriter.MeasureString(text)];
        new WireWriter(payload).WriteString(text);
        return payload;
    }
}
