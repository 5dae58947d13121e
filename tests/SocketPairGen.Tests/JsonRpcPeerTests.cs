using System.Net.Sockets;
using SocketPairGen.TestChild.JsonRpcContracts;
using StreamJsonRpc;

namespace SocketPairGen.Tests;

/// <summary>
/// The StreamJsonRpc peer of the benchmarks (serve-jsonrpc mode, the client of <see cref="JsonRpcWire"/>) still
/// works, in every wire format, with the source-generated proxy: a broken comparison peer must not go unnoticed.
/// </summary>
public class JsonRpcPeerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(JsonRpcWireFormat.SystemTextJsonLengthHeader)]
    [InlineData(JsonRpcWireFormat.SystemTextJsonHeaderDelimited)]
    [InlineData(JsonRpcWireFormat.NewtonsoftHeaderDelimited)]
    [InlineData(JsonRpcWireFormat.NerdbankMessagePackLengthHeader)]
    public async Task ServeJsonRpc_AnswersAddAndEchoLength_AndExitsWhenTheClientCloses(JsonRpcWireFormat format)
    {
        await using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["serve-jsonrpc", format.ToString()]);
        await using var stream = new NetworkStream(child.Socket, ownsSocket: false);
        using (JsonRpc rpc = JsonRpcWire.Connect(stream, format, out IJsonRpcCalculator proxy))
        {
            Assert.Equal(typeof(IJsonRpcCalculator).Assembly, proxy.GetType().Assembly); // source generated, not emitted
            Assert.Equal(5, await proxy.AddAsync(2, 3).WaitAsync(Timeout));
            Assert.Equal(4096, await proxy.EchoLengthAsync(new byte[4096]).WaitAsync(Timeout));
        }

        child.Socket.Shutdown(SocketShutdown.Both);
        Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ServeJsonRpc_WithoutArguments_UsesTheDefaultFormat()
    {
        await using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["serve-jsonrpc"]);
        await using var stream = new NetworkStream(child.Socket, ownsSocket: false);
        using JsonRpc rpc = JsonRpcWire.Connect(stream, JsonRpcWire.DefaultFormat, out IJsonRpcCalculator proxy);
        Assert.Equal(5, await proxy.AddAsync(2, 3).WaitAsync(Timeout));
        Assert.Equal(4096, await proxy.EchoLengthAsync(new byte[4096]).WaitAsync(Timeout));
    }
}
