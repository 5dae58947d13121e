using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SocketPairGen.TestChild;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// The child processes every measurement talks to, and the raw-socket baselines. Each peer is a real child
/// process (the test child program) holding the other end of a socketpair on its fd 3.
/// </summary>
internal sealed class Peers : IDisposable
{
    /// <summary>The environment variable through which the host tells BenchmarkDotNet's process where the child is.</summary>
    public const string ChildPathVariable = "SOCKETPAIRGEN_BENCHMARK_CHILD";

    private readonly ChildProcess _rawPingPong;
    private readonly ChildProcess _rawBulk;
    private readonly ChildProcess _arithmetic;
    private readonly ChildProcess _arithmeticPooled;
    private readonly ChildProcess _handles;
    private readonly ChildProcess _rawPingPongWithDescriptor;
    private readonly byte[] _message = new byte[16];
    private readonly byte[] _ack = new byte[8];

    public Peers()
    {
        string child = ChildPath;
        _rawPingPong = ChildProcess.Start(child, ["raw-pingpong"]);
        _rawBulk = ChildProcess.Start(child, ["raw-bulk"]);
        _arithmetic = ChildProcess.Start(child, ["serve-generated", "arithmetic"]);
        _arithmeticPooled = ChildProcess.Start(child, ["serve-generated", "arithmetic"]);
        Client = IArithmetic.Connect(_arithmetic.Socket);
        ClientWithPoolContinuations = IArithmetic.Connect(_arithmeticPooled.Socket, new ChannelOptions { RunContinuationsAsynchronously = true });
        JsonRpc = new JsonRpcPeer();

        // Frames up to 80 MiB both ways: the 64 MiB block sent as bytes is the memory file's baseline.
        var large = new ChannelOptions { MaxFrameSize = LargeFrameSize };
        _rawPingPongWithDescriptor = ChildProcess.Start(child, ["raw-pingpong-fd"]);
        _handles = ChildProcess.Start(child, ["serve-generated", "handles", LargeFrameSize.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Handles = IHandles.Connect(_handles.Socket, large);
    }

    private const int LargeFrameSize = 80 * 1024 * 1024;

    /// <summary>A generated channel client of a contract whose methods pass descriptors.</summary>
    public IHandles.Client Handles { get; }

    public static string ChildPath =>
        Environment.GetEnvironmentVariable(ChildPathVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "SocketPairGen.TestChild");

    /// <summary>A generated channel client whose awaited calls continue on the reader thread (the default).</summary>
    public IArithmetic.Client Client { get; }

    /// <summary>A generated channel client whose awaited calls continue on the thread pool.</summary>
    public IArithmetic.Client ClientWithPoolContinuations { get; }

    /// <summary>The StreamJsonRpc peer to compare against (a serve-jsonrpc child).</summary>
    public JsonRpcPeer JsonRpc { get; }

    /// <summary>The baseline: 16 bytes to the child and 16 back with blocking Send and Receive.</summary>
    public void RawPingPong()
    {
        Socket socket = _rawPingPong.Socket;
        socket.Send(_message);
        Receive(socket, _message);
    }

    /// <summary>The baseline of a call with a descriptor: 16 bytes each way, one descriptor to the child, which closes it.</summary>
    public void RawPingPongWithDescriptor(SafeHandle descriptor) => RawDescriptorPeer.PingPong(_rawPingPongWithDescriptor.Socket, descriptor, _message);

    /// <summary>The bulk baseline: a 4-byte length and the block to the child, 8 bytes back.</summary>
    public void RawBulk(byte[] block)
    {
        Socket socket = _rawBulk.Socket;
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, block.Length);
        socket.Send(length);
        socket.Send(block);
        Receive(socket, _ack);
    }

    private static void Receive(Socket socket, Span<byte> destination)
    {
        if (!socket.ReceiveExactly(destination))
        {
            throw new IOException("The benchmark child closed the socket.");
        }
    }

    public void Dispose()
    {
        JsonRpc.Dispose();
        Client.Dispose();
        ClientWithPoolContinuations.Dispose();
        _rawPingPong.Dispose();
        _rawBulk.Dispose();
        _arithmetic.Dispose();
        _arithmeticPooled.Dispose();
        Handles.Dispose();
        _rawPingPongWithDescriptor.Dispose();
        _handles.Dispose();
    }
}
