using System.Net.Sockets;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.Tests.Channels;

/// <summary>
/// A socket that .NET made non-blocking underneath (an asynchronous operation on it before the channel got it leaves
/// the descriptor O_NONBLOCK while <see cref="Socket.Blocking"/> still says true): the channel's reads wait for bytes
/// as on a blocking socket, instead of taking "no bytes yet" for the end of the peer.
/// </summary>
public class NonBlockingSocketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>O_NONBLOCK in the <c>flags</c> line of <c>/proc/self/fdinfo</c>.</summary>
    private const int NonBlocking = 0x800;

    [Fact]
    public async Task Server_OnADescriptorLeftNonBlocking_WaitsForItsClient()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        await LeaveNonBlockingAsync(serverEnd);
        Task server = Calculator.ServeAsync(serverEnd);

        await Task.Delay(300);
        Assert.False(server.IsCompleted, $"Serving ended before the client said anything: {server.Status}.");
        await using (var client = new CalculatorClient(clientEnd))
        {
            Assert.Equal(3, client.Add(1, 2));
        }

        await server.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Client_OnADescriptorLeftNonBlocking_WaitsForItsReply()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        await LeaveNonBlockingAsync(clientEnd);
        await using var client = new CalculatorClient(clientEnd);
        Task<int> call = Task.Run(() => client.Add(2, 3));

        await Task.Delay(300);
        Assert.False(call.IsCompleted, $"The call ended before any server answered: {call.Status}.");
        Task server = Calculator.ServeAsync(serverEnd);

        Assert.Equal(5, await call.WaitAsync(Timeout));
    }

    /// <summary>A cancelled asynchronous receive: .NET switches the descriptor to non-blocking for it, and leaves it so.</summary>
    private static async Task LeaveNonBlockingAsync(Socket socket)
    {
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await socket.ReceiveAsync(new byte[1], SocketFlags.None, cancel.Token));
        }

        Assert.True(socket.Blocking);
        string flags = File.ReadLines($"/proc/self/fdinfo/{(int)socket.Handle}").First(l => l.StartsWith("flags:", StringComparison.Ordinal));
        Assert.True((Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & NonBlocking) != 0, "The descriptor is blocking: the test tests nothing.");
    }
}
