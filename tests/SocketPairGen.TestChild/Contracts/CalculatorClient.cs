using System.Net.Sockets;
using SocketPairGen.Channels;

namespace SocketPairGen.TestChild.Contracts;

/// <summary>The client of <see cref="Calculator"/>, shaped like a generated proxy.</summary>
public sealed class CalculatorClient : IDisposable, IAsyncDisposable
{
    private readonly ChannelClient _channel;

    public CalculatorClient(Socket socket, ChannelOptions? options = null, ChannelContract? contract = null) =>
        _channel = ChannelClient.Connect(socket, contract ?? Calculator.Contract, options);

    public int Add(int a, int b) =>
        _channel.Call<AddRequest, int, ValuePayload<int>>(Calculator.AddId, new AddRequest(a, b));

    public ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken = default) =>
        _channel.CallAsync<AddRequest, int, ValuePayload<int>>(Calculator.AddId, new AddRequest(a, b), cancellationToken);

    public byte[] Echo(ReadOnlySpan<byte> bytes) =>
        _channel.Call<BlockPayload, byte[], ByteArrayDecoder>(Calculator.EchoId, new BlockPayload(bytes));

    public ValueTask<byte[]> EchoAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        _channel.CallAsync<BlockPayload, byte[], ByteArrayDecoder>(Calculator.EchoId, new BlockPayload(bytes.Span), cancellationToken);

    /// <summary>Waits on the server for <paramref name="milliseconds"/>, honouring cancellation; returns them.</summary>
    public ValueTask<int> DelayAsync(int milliseconds, CancellationToken cancellationToken = default) =>
        _channel.CallAsync<ValuePayload<int>, int, ValuePayload<int>>(Calculator.DelayId, new ValuePayload<int>(milliseconds), cancellationToken);

    public int Delay(int milliseconds) =>
        _channel.Call<ValuePayload<int>, int, ValuePayload<int>>(Calculator.DelayId, new ValuePayload<int>(milliseconds));

    /// <summary>The server throws InvalidOperationException with this message.</summary>
    public void Throw(string message) =>
        _channel.Call<StringPayload, EmptyPayload, EmptyPayload>(Calculator.ThrowId, new StringPayload(message));

    public ValueTask ThrowAsync(string message) =>
        _channel.CallAsync(Calculator.ThrowId, new StringPayload(message));

    /// <summary>Sends a block and gets its length back (bulk one way, 8 bytes back).</summary>
    public long Length(ReadOnlySpan<byte> bytes) =>
        _channel.Call<BlockPayload, long, ValuePayload<long>>(Calculator.LengthId, new BlockPayload(bytes));

    /// <summary>An empty request, an empty reply.</summary>
    public ValueTask PingAsync() => _channel.CallAsync(Calculator.PingId, default(EmptyPayload));

    public void Dispose() => _channel.Dispose();

    public ValueTask DisposeAsync() => _channel.DisposeAsync();
}
