using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// Scenario 1, server side: a reply whose payload throws while it is encoded comes back to its own caller as a
/// <see cref="ChannelRemoteException"/>, promptly, and no other call is affected.
/// </summary>
public class ReplyEncodingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public enum Failure
    {
        InlineLength,
        Trailer,
        WriteInline,
    }

    [Theory]
    [InlineData(Failure.InlineLength)]
    [InlineData(Failure.Trailer)]
    [InlineData(Failure.WriteInline)]
    public async Task SyncReplyThatCannotBeEncoded_FailsOnlyItsOwnCall(Failure failure)
    {
        await using Served served = Served.Start(failure, replyLater: false);

        // A synchronous caller, bounded: a call left unanswered would block it for good.
        var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => Task.Run(() => served.Client.Add(1, 2)).WaitAsync(Timeout));
        Assert.Equal(typeof(FormatException).FullName, error.RemoteTypeName);
        Assert.Contains(failure.ToString(), error.RemoteMessage);

        await served.AssertOtherCallsUnaffectedAsync();
    }

    [Theory]
    [InlineData(Failure.InlineLength)]
    [InlineData(Failure.Trailer)]
    [InlineData(Failure.WriteInline)]
    public async Task ReplyFromATaskThatCannotBeEncoded_FailsOnlyItsOwnCall(Failure failure)
    {
        await using Served served = Served.Start(failure, replyLater: true);

        var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => served.Client.AddAsync(1, 2).AsTask().WaitAsync(Timeout));
        Assert.Equal(typeof(FormatException).FullName, error.RemoteTypeName);

        await served.AssertOtherCallsUnaffectedAsync();
    }

    [Fact]
    public async Task ReplyThatCannotBeEncoded_AmongConcurrentCalls_ReachesOnlyItsCaller()
    {
        await using Served served = Served.Start(Failure.WriteInline, replyLater: true, maxConcurrentCalls: 8);
        byte[] block = [1, 2, 3, 4, 5];

        var adds = new List<Task<int>>();
        var echoes = new List<Task<byte[]>>();
        for (int i = 0; i < 50; i++)
        {
            adds.Add(served.Client.AddAsync(i, i).AsTask());
            echoes.Add(served.Client.EchoAsync(block).AsTask());
        }

        foreach (Task<int> add in adds)
        {
            await Assert.ThrowsAsync<ChannelRemoteException>(() => add.WaitAsync(Timeout));
        }

        foreach (Task<byte[]> echo in echoes)
        {
            Assert.Equal(block, await echo.WaitAsync(Timeout));
        }
    }

    /// <summary>A payload that throws from the member <paramref name="failure"/> names.</summary>
    private readonly struct FailingPayload(Failure failure) : IFramePayload
    {
        public long InlineLength => failure == Failure.InlineLength ? throw new FormatException("InlineLength failed") : 8;

        public ReadOnlySpan<byte> Trailer => failure == Failure.Trailer ? throw new FormatException("Trailer failed") : default;

        public void WriteInline(ref WireWriter writer)
        {
            writer.Write((byte)1); // part of the frame is written before the failure
            if (failure == Failure.WriteInline)
            {
                throw new FormatException("WriteInline failed");
            }
        }
    }

    /// <summary>A server whose Add replies with a failing payload (now, or later from a task); Echo and Ping work.</summary>
    private sealed class Served : IAsyncDisposable
    {
        private Served(CalculatorClient client, Task server)
        {
            Client = client;
            Server = server;
        }

        public CalculatorClient Client { get; }

        public Task Server { get; }

        public static Served Start(Failure failure, bool replyLater, int maxConcurrentCalls = 1)
        {
            (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
            var dispatcher = new DelegateDispatcher((call, payload) =>
            {
                switch (call.MethodId)
                {
                    case Calculator.AddId when replyLater:
                        _ = Task.Run(async () =>
                        {
                            await Task.Delay(1);
                            call.Reply(new FailingPayload(failure));
                        });
                        break;
                    case Calculator.AddId:
                        call.Reply(new FailingPayload(failure));
                        break;
                    case Calculator.EchoId:
                        call.Reply(new BlockPayload(BlockPayload.Read(payload.Span)));
                        break;
                    default:
                        call.Reply(default(EmptyPayload));
                        break;
                }
            });
            Task server = ChannelServer.ServeAsync(serverEnd, Calculator.Contract, dispatcher, new ChannelOptions { MaxConcurrentCalls = maxConcurrentCalls });
            return new Served(new CalculatorClient(clientEnd), server);
        }

        /// <summary>Later calls on the same channel get their own results, and the server still serves.</summary>
        public async Task AssertOtherCallsUnaffectedAsync()
        {
            Assert.Equal([9, 8], await Client.EchoAsync(new byte[] { 9, 8 }).AsTask().WaitAsync(Timeout));
            await Client.PingAsync().AsTask().WaitAsync(Timeout);
            Assert.False(Server.IsCompleted);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.WaitAsync(Timeout);
        }
    }
}
