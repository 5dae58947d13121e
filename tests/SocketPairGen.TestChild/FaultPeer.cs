using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.TestChild;

/// <summary>
/// What the fault-injection modes share: an <see cref="IStress"/> peer that writes frames by hand, so it can stop
/// at any byte, and a ready file through which it tells the parent (which then kills it) that it got there.
/// </summary>
internal static class FaultPeer
{
    /// <summary>Method ids follow the methods' names in ordinal order: Run 0, RunAsync 1, RunCancellable 2, …</summary>
    public const ushort RunAsyncMethodId = 1;

    /// <summary>The wire size of <see cref="StressOrder"/>: long at 0, action byte at 8, ints at 12 and 16, padding to 24.</summary>
    private const int OrderSize = 24;

    /// <summary>Sends the handshake of <see cref="IStress"/> for <paramref name="role"/>; a server announces a
    /// wide request window, so the client is never held back by it.</summary>
    public static void SendHello(Socket socket, byte role) =>
        socket.Send(Hello.EncodeFrame(IStress.Client.Contract, role, role == Hello.ServerRole
            ? new HelloInfo(ChannelOptions.DefaultMaxFrameSize, 4096, 4L * ChannelOptions.DefaultMaxFrameSize)
            : HelloInfo.ForClient(ChannelOptions.DefaultMaxFrameSize)));

    /// <summary>Reads one whole frame; throws at the end of the stream.</summary>
    public static (FrameHeader Header, byte[] Payload) ReadFrame(Socket socket)
    {
        FrameHeader header = FrameHeader.Read(ReadExactly(socket, FrameHeader.Size), int.MaxValue);
        return (header, ReadExactly(socket, header.PayloadLength));
    }

    /// <summary>The next frame's header, left in the socket (MSG_PEEK).</summary>
    public static FrameHeader PeekHeader(Socket socket)
    {
        byte[] header = new byte[FrameHeader.Size];
        int peeked;
        while ((peeked = socket.Receive(header, SocketFlags.Peek)) < FrameHeader.Size)
        {
            if (peeked == 0)
            {
                throw new EndOfStreamException("The parent closed the socket before the next frame.");
            }

            if (!socket.Poll(TimeSpan.FromSeconds(30), SelectMode.SelectRead))
            {
                throw new TimeoutException("No frame header arrived.");
            }

            Thread.Sleep(1); // part of a header arrived: the rest is on its way
        }

        return FrameHeader.Read(header, int.MaxValue);
    }

    public static byte[] ReadExactly(Socket socket, int length)
    {
        byte[] bytes = new byte[length];
        if (!socket.ReceiveExactly(bytes))
        {
            throw new EndOfStreamException($"The parent closed the socket before {length} bytes arrived.");
        }

        return bytes;
    }

    /// <summary>A Response frame answering a call with a byte array of <paramref name="blockLength"/> bytes.</summary>
    public static byte[] ResponseFrame(FrameHeader request, int blockLength)
    {
        int payloadLength = 4 + blockLength;
        byte[] frame = new byte[FrameHeader.Size + payloadLength];
        new FrameHeader(payloadLength, FrameKind.Response, request.MethodId, request.CallId).Write(frame);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(FrameHeader.Size), blockLength);
        return frame;
    }

    /// <summary>A Request frame of <c>RunAsync(order, block)</c>.</summary>
    public static byte[] RunAsyncRequestFrame(uint callId, StressOrder order, ReadOnlySpan<byte> block)
    {
        int payloadLength = OrderSize + 4 + block.Length;
        byte[] frame = new byte[FrameHeader.Size + payloadLength];
        new FrameHeader(payloadLength, FrameKind.Request, RunAsyncMethodId, callId).Write(frame);
        Span<byte> payload = frame.AsSpan(FrameHeader.Size);
        BinaryPrimitives.WriteInt64LittleEndian(payload, order.CallNumber);
        payload[8] = (byte)order.Action;
        BinaryPrimitives.WriteInt32LittleEndian(payload[12..], order.DelayMilliseconds);
        BinaryPrimitives.WriteInt32LittleEndian(payload[16..], order.ReplyLength);
        BinaryPrimitives.WriteInt32LittleEndian(payload[OrderSize..], block.Length);
        block.CopyTo(payload[(OrderSize + 4)..]);
        return frame;
    }

    /// <summary>Tells the parent that the fault is in place: writes <paramref name="timestamp"/> (this machine's
    /// monotonic clock, which the parent's <see cref="Stopwatch"/> shares) to a file that appears whole.</summary>
    public static void SignalReady(string path, long timestamp)
    {
        File.WriteAllText(path + ".tmp", timestamp.ToString(CultureInfo.InvariantCulture));
        File.Move(path + ".tmp", path);
    }

    /// <summary>Waits for the parent's SIGKILL; exits on its own only if the parent forgot.</summary>
    public static int AwaitDeath()
    {
        Thread.Sleep(TimeSpan.FromSeconds(60));
        Console.Error.WriteLine("SocketPairGen.TestChild: the parent never killed this fault peer.");
        return 70;
    }
}
