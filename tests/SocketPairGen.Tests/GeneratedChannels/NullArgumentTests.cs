using System.Net.Sockets;
using SocketPairGen.Tests.Channels;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>A null passed where the contract says a string or an array cannot be null fails at the call site.</summary>
public class NullArgumentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> NullArguments => new()
    {
        // call, the parameter it passes null for
        { "Measure(null, values)", "text" },
        { "Measure(text, null)", "values" },
        { "MeasureAsync(null, data)", "text" },
        { "MeasureAsync(text, null)", "data" },
        { "Count(null)", "values" },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public async Task NullForAStringOrArrayThatCannotBeNull_ThrowsArgumentNullException_AndTheChannelStaysUsable(string call, string parameter)
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = INullChecks.ServeAsync(serverEnd, new NullChecks());
        await using (INullChecks.Client client = INullChecks.Connect(clientEnd))
        {
            Exception? error = await Record.ExceptionAsync(() => Task.Run(() => Call(client, call)).WaitAsync(Timeout));

            Assert.Equal(parameter, Assert.IsType<ArgumentNullException>(error).ParamName);
            Assert.Equal(5, client.Measure("ab", [1, 2, 3]));
            Assert.Equal(4, await client.MeasureAsync("abc", [9]).AsTask().WaitAsync(Timeout));
        }

        await server.WaitAsync(Timeout);
    }

    [Theory]
    [MemberData(nameof(NullArguments))]
    public async Task NullForAStringOrArrayThatCannotBeNull_WritesNothing(string call, string parameter)
    {
        (Socket clientEnd, Socket peerEnd) = SocketPair.Create();
        // No server handshake: the client closes with nothing unread, so the peer sees a plain end of stream.
        using var peer = new RawPeer(peerEnd);
        INullChecks.Client client = INullChecks.Connect(clientEnd);
        Task pending = Task.Run(() => Call(client, call));
        try
        {
            await Assert.ThrowsAsync<ArgumentNullException>(parameter, () => pending.WaitAsync(Timeout));
        }
        finally
        {
            await client.DisposeAsync();
        }

        // The client's handshake, then the end of the stream: no request.
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        Assert.Null(peer.ReadFrame());
    }

    private static void Call(INullChecks client, string call)
    {
        switch (call)
        {
            case "Measure(null, values)":
                client.Measure(null!, [1]);
                break;
            case "Measure(text, null)":
                client.Measure("text", null!);
                break;
            case "MeasureAsync(null, data)":
                _ = client.MeasureAsync(null!, [1]);
                break;
            case "MeasureAsync(text, null)":
                _ = client.MeasureAsync("text", null!);
                break;
            default:
                client.Count(null!);
                break;
        }
    }
}
