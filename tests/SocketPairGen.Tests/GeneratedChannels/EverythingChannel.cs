using System.Net.Sockets;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>A generated <see cref="IEverything"/> client talking to a server in this process, over a real socketpair.</summary>
public sealed class InProcessEverything : IAsyncLifetime
{
    private Task _server = Task.CompletedTask;

    public IEverything.Client Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        _server = IEverything.ServeAsync(serverEnd, new Everything(), new ChannelOptions { MaxConcurrentCalls = 4 });
        Client = IEverything.Connect(clientEnd);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _server.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

/// <summary>A generated <see cref="IEverything"/> client talking to a child process that serves it.</summary>
public sealed class ChildProcessEverything : IAsyncLifetime
{
    private ChildProcess? _child;

    public IEverything.Client Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _child = ChildProcess.Start(TestChildPath.Value, ["serve-generated", "everything"]);
        Client = IEverything.Connect(_child.Socket);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        int exitCode = await _child!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _child.DisposeAsync();
        Assert.Equal(0, exitCode);
    }
}
