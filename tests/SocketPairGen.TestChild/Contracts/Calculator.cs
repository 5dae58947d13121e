using System.Net.Sockets;
using SocketPairGen.Channels;

namespace SocketPairGen.TestChild.Contracts;

/// <summary>
/// A contract written by hand against the runtime's low-level API, the way generated code will use it: request
/// payload structs, static decoders, a client wrapper and a dispatcher. The runtime tests and the benchmarks use it
/// on both sides (in-process and across a child process).
/// </summary>
public static class Calculator
{
    public const ushort AddId = 0;
    public const ushort EchoId = 1;
    public const ushort DelayId = 2;
    public const ushort ThrowId = 3;
    public const ushort LengthId = 4;
    public const ushort PingId = 5;

    public static readonly ChannelContract Contract = new("SocketPairGen.TestChild.Calculator", Fingerprint, methodCount: 6);

    /// <summary>Another contract with the same name and another fingerprint, for the mismatch tests.</summary>
    public static readonly ChannelContract OtherContract = new("SocketPairGen.TestChild.Calculator", Fingerprint + 1, methodCount: 6);

    private static UInt128 Fingerprint => new(0x5350_4757_0000_0001, 0xCA1C_0000_0000_0001);

    public static Task ServeAsync(Socket socket, ChannelOptions? options = null, CancellationToken cancellationToken = default) =>
        ChannelServer.ServeAsync(socket, Contract, new Dispatcher(), options, cancellationToken);
}

/// <summary>Two ints.</summary>
public readonly struct AddRequest(int a, int b) : IFramePayload
{
    public long InlineLength => 8;

    public ReadOnlySpan<byte> Trailer => default;

    public void WriteInline(ref WireWriter writer)
    {
        writer.Write(a);
        writer.Write(b);
    }
}

/// <summary>One unmanaged value as the whole payload, validated to be exactly its size.</summary>
public readonly struct ValuePayload<T>(T value) : IFramePayload, IFrameDecoder<T>
    where T : unmanaged
{
    public long InlineLength => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public ReadOnlySpan<byte> Trailer => default;

    public void WriteInline(ref WireWriter writer) => writer.Write(value);

    public static T Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        T result = reader.Read<T>();
        reader.EnsureEnd();
        return result;
    }
}

/// <summary>A block of bytes: a 4-byte length inline, the bytes as the trailer (sent without a copy when large).</summary>
public readonly ref struct BlockPayload(ReadOnlySpan<byte> bytes) : IFramePayload
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public long InlineLength => 4;

    public ReadOnlySpan<byte> Trailer => _bytes;

    public void WriteInline(ref WireWriter writer) => writer.Write(_bytes.Length);

    /// <summary>Reads the block back; the span points into the payload.</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        ReadOnlySpan<byte> bytes = reader.ReadBlock();
        reader.EnsureEnd();
        return bytes;
    }
}

/// <summary>Decodes a block into a new array.</summary>
public readonly struct ByteArrayDecoder : IFrameDecoder<byte[]>
{
    public static byte[] Decode(ReadOnlySpan<byte> payload) => BlockPayload.Read(payload).ToArray();
}

/// <summary>A string.</summary>
public readonly struct StringPayload(string value) : IFramePayload
{
    public long InlineLength => WireWriter.MeasureString(value);

    public ReadOnlySpan<byte> Trailer => default;

    public void WriteInline(ref WireWriter writer) => writer.WriteString(value);
}
