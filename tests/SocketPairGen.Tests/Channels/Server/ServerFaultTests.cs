using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// Scenario 10, server side: no exception escapes a server thread. One a call can carry goes back to its caller;
/// any other ends serving, with <c>ServeAsync</c> faulted with that very exception. The process never dies.
/// </summary>
public class ServerFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DispatcherThrowingAfterItReplied_FaultsServingWithThatException()
    {
        var dispatcher = new DelegateDispatcher((call, _) =>
        {
            call.Reply(default(EmptyPayload));
            throw new BrokenDispatcherException();
        });
        using RawClient client = RawClient.Start(dispatcher);
        client.Request(1, Calculator.PingId);

        Assert.Equal(FrameKind.Response, client.Read().Header.Kind);
        await Assert.ThrowsAsync<BrokenDispatcherException>(() => client.Server.WaitAsync(Timeout));
        client.Peer.ReadToEnd();
    }

    [Fact]
    public async Task DispatcherThrowingBeforeItReplied_RepliesThatErrorToTheCall()
    {
        var dispatcher = new DelegateDispatcher((call, _) => throw new BrokenDispatcherException());
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = ChannelServer.ServeAsync(serverEnd, Calculator.Contract, dispatcher);
        await using var client = new CalculatorClient(clientEnd);

        var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => client.PingAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(typeof(BrokenDispatcherException).FullName, error.RemoteTypeName);
        Assert.False(server.IsCompleted);
    }

    [Fact]
    public async Task ExceptionWhoseMessageThrows_ThrownByTheDispatcher_ReachesTheCaller()
    {
        // Before: the error reply itself threw on the server's reader thread, which killed the process.
        var dispatcher = new DelegateDispatcher((call, _) => throw new UnreadableException());
        await AssertUnreadableErrorReachesTheCallerAsync(dispatcher);
    }

    [Fact]
    public async Task ExceptionWhoseMessageThrows_RepliedFromATask_ReachesTheCaller()
    {
        var dispatcher = new DelegateDispatcher((call, _) => Task.Run(() => call.ReplyError(new UnreadableException())));
        await AssertUnreadableErrorReachesTheCallerAsync(dispatcher);
    }

    [Fact]
    public async Task TokenCallbackThrowing_FaultsServingWithThatException()
    {
        var dispatcher = new DelegateDispatcher((call, _) =>
        {
            call.CancellationToken.Register(static () => throw new BrokenCallbackException());
        });
        using RawClient client = RawClient.Start(dispatcher);
        client.Request(1, Calculator.PingId);
        await Task.Delay(50);
        client.Cancel(1);

        await Assert.ThrowsAsync<BrokenCallbackException>(() => client.Server.WaitAsync(Timeout));
        client.Peer.ReadToEnd();
    }

    [Fact]
    public async Task TokenCallbackThrowingWhenServingEnds_FaultsServingWithThatException()
    {
        var dispatcher = new DelegateDispatcher((call, _) =>
        {
            call.CancellationToken.Register(static () => throw new BrokenCallbackException());
        });
        using RawClient client = RawClient.Start(dispatcher);
        client.Request(1, Calculator.PingId);
        await Task.Delay(50);
        client.Peer.Socket.Shutdown(SocketShutdown.Send);

        await Assert.ThrowsAsync<BrokenCallbackException>(() => client.Server.WaitAsync(Timeout));
    }

    private static async Task AssertUnreadableErrorReachesTheCallerAsync(IChannelDispatcher dispatcher)
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = ChannelServer.ServeAsync(serverEnd, Calculator.Contract, dispatcher, new ChannelOptions { IncludeRemoteStackTrace = true });
        await using var client = new CalculatorClient(clientEnd);

        for (int i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => client.PingAsync().AsTask().WaitAsync(Timeout));
            Assert.Equal(typeof(UnreadableException).FullName, error.RemoteTypeName);
            Assert.Contains(nameof(InvalidCastException), error.RemoteMessage);
        }

        Assert.False(server.IsCompleted);
    }

    private sealed class BrokenDispatcherException : Exception;

    private sealed class BrokenCallbackException : Exception;

    /// <summary>An exception whose message and stack trace cannot be read.</summary>
    private sealed class UnreadableException : Exception
    {
        public override string Message => throw new InvalidCastException("no message today");

        public override string? StackTrace => throw new InvalidCastException("no stack trace either");
    }
}
