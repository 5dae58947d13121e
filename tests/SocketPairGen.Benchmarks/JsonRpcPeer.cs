using System.Net.Sockets;
using SocketPairGen.TestChild.JsonRpcContracts;
using StreamJsonRpc;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// The peer to compare against: StreamJsonRpc over the same transport as the channel, a socketpair to a real
/// child process (the test child in serve-jsonrpc mode), through a <see cref="NetworkStream"/> on each end. The
/// client is the proxy StreamJsonRpc's source generator emitted for <see cref="IJsonRpcCalculator"/>.
/// </summary>
internal sealed class JsonRpcPeer : IDisposable
{
    private readonly ChildProcess _child;
    private readonly NetworkStream _stream;
    private readonly JsonRpc _rpc;
    private readonly IJsonRpcCalculator _proxy;

    /// <param name="format">How both ends frame and encode messages.</param>
    public JsonRpcPeer(JsonRpcWireFormat format = JsonRpcWire.DefaultFormat)
    {
        // Spawn before any async socket operation in this process (see the O_NONBLOCK note in TOOLCHAIN.md).
        _child = ChildProcess.Start(Peers.ChildPath, ["serve-jsonrpc", format.ToString()]);
        _stream = new NetworkStream(_child.Socket, ownsSocket: false);
        try
        {
            _rpc = JsonRpcWire.Connect(_stream, format, out _proxy);
        }
        catch
        {
            _stream.Dispose();
            _child.Dispose();
            throw;
        }

        Format = format;
    }

    public JsonRpcWireFormat Format { get; }

    public Task<int> AddAsync(int a, int b) => _proxy.AddAsync(a, b);

    public Task<int> EchoLengthAsync(byte[] block) => _proxy.EchoLengthAsync(block);

    /// <summary>Closes the connection; the child sees end of stream and exits; waits until it is reaped.</summary>
    public void Dispose()
    {
        _rpc.Dispose();
        _stream.Dispose();
        _child.Dispose();
    }
}
