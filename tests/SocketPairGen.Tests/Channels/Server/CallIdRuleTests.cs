using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// Scenario 5, server side: a request reusing the id of an unanswered call, or a Cancel naming an id the client
/// cannot have in flight, is a protocol error that ends serving; it never wedges the queue.
/// </summary>
public class CallIdRuleTests
{
    private static readonly byte[] OneSecond = BitConverter.GetBytes(1000);

    [Fact]
    public async Task RequestReusingTheIdOfARunningCall_IsAProtocolError()
    {
        using RawClient client = RawClient.Start();
        client.Request(7, Calculator.DelayId, BitConverter.GetBytes(30_000));
        client.Request(7, Calculator.PingId);

        await client.AssertProtocolErrorAsync("00000007");
    }

    [Fact]
    public async Task RequestReusingTheIdOfAQueuedCall_IsAProtocolError()
    {
        using RawClient client = RawClient.Start();
        client.Request(1, Calculator.DelayId, BitConverter.GetBytes(30_000));
        client.Request(7, Calculator.PingId);
        client.Request(7, Calculator.PingId);

        await client.AssertProtocolErrorAsync("00000007");
    }

    [Fact]
    public async Task CancelForAnIdNeverIssued_IsAProtocolError()
    {
        using RawClient client = RawClient.Start();
        client.Request(1, Calculator.AddId, new byte[8]);
        Assert.Equal(FrameKind.Response, client.Read().Header.Kind);
        client.Cancel(0xDEAD);

        await client.AssertProtocolErrorAsync("0000dead");
    }

    [Fact]
    public void CancelForACallJustAnswered_IsIgnored()
    {
        // The client sent the Cancel before it saw the reply: the two crossed on the wire.
        using RawClient client = RawClient.Start();
        client.Request(1, Calculator.AddId, new byte[8]);
        Assert.Equal(FrameKind.Response, client.Read().Header.Kind);
        client.Cancel(1);
        client.Request(2, Calculator.DelayId, OneSecond);
        client.Request(3, Calculator.AddId, new byte[8]);
        client.Cancel(2);

        Assert.Equal((FrameKind.Canceled, 2u), Next(client));
        Assert.Equal((FrameKind.Response, 3u), Next(client));
        client.Cancel(3);
        client.Cancel(2);
        client.Request(4, Calculator.PingId);
        Assert.Equal((FrameKind.Response, 4u), Next(client));
        Assert.False(client.Server.IsCompleted);
    }

    [Fact]
    public async Task CancelForACallAnsweredMoreThanAWindowAgo_IsAProtocolError()
    {
        // A client has at most W calls unanswered (W, the server's request window), so a Cancel it sends can only
        // name one of the last W answered: anything older was never in flight from its point of view.
        using RawClient client = RawClient.Start();
        int window = client.ServerLimits.RequestWindowCount;
        client.Request(1, Calculator.PingId);
        Assert.Equal((FrameKind.Response, 1u), Next(client));
        for (uint id = 2; id <= window; id++)
        {
            client.Request(id, Calculator.PingId);
            Assert.Equal((FrameKind.Response, id), Next(client));
        }

        client.Cancel(1); // answered exactly W answers ago: still allowed
        client.Request((uint)window + 1, Calculator.PingId);
        Assert.Equal((FrameKind.Response, (uint)window + 1), Next(client));
        client.Cancel(1); // now W + 1 answers ago

        await client.AssertProtocolErrorAsync("00000001");
    }

    private static (FrameKind, uint) Next(RawClient client)
    {
        FrameHeader header = client.Read().Header;
        return (header.Kind, header.CallId);
    }
}
