using System.Net.Sockets;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels;

/// <summary>A Calculator server and client on the two ends of a real socketpair, in this process.</summary>
internal sealed class InProcessChannel : IAsyncDisposable
{
    private InProcessChannel(CalculatorClient client, Task server)
    {
        Client = client;
        Server = server;
    }

    public CalculatorClient Client { get; }

    public Task Server { get; }

    public static InProcessChannel Start(ChannelOptions? serverOptions = null, ChannelOptions? clientOptions = null)
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = Calculator.ServeAsync(serverEnd, serverOptions);
        return new InProcessChannel(new CalculatorClient(clientEnd, clientOptions), server);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
