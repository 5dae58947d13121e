using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestChild;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels;

/// <summary>The far end of a channel driven by hand: writes arbitrary bytes, reads what the channel sent.</summary>
internal sealed class RawPeer : IDisposable
{
    public RawPeer(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static byte[] Frame(FrameKind kind, uint callId, ReadOnlySpan<byte> payload, ushort methodId = 0)
    {
        byte[] frame = new byte[FrameHeader.Size + payload.Length];
        new FrameHeader(payload.Length, kind, methodId, callId).Write(frame);
        payload.CopyTo(frame.AsSpan(FrameHeader.Size));
        return frame;
    }

    /// <summary>Sends a valid handshake for <paramref name="role"/>: a client's announces no request window, a
    /// server's the default server's.</summary>
    public void SendHello(ChannelContract contract, byte role) =>
        Socket.Send(Hello.EncodeFrame(contract, role, role == Hello.ServerRole
            ? new HelloInfo(ChannelOptions.DefaultMaxFrameSize, 4096, 4L * ChannelOptions.DefaultMaxFrameSize)
            : HelloInfo.ForClient(ChannelOptions.DefaultMaxFrameSize)));

    /// <summary>Sends a server's handshake announcing <paramref name="info"/> (a small window, a small maximum).</summary>
    public void SendServerHello(ChannelContract contract, HelloInfo info) => Socket.Send(Hello.EncodeFrame(contract, Hello.ServerRole, info));

    public void Send(ReadOnlySpan<byte> bytes) => Socket.Send(bytes);

    /// <summary>Reads the next frame, or null when none arrives within <paramref name="timeout"/> (nothing was sent).</summary>
    public (FrameHeader Header, byte[] Payload)? TryReadFrame(TimeSpan timeout)
    {
        if (!Socket.Poll(timeout, SelectMode.SelectRead))
        {
            return null;
        }

        return ReadFrame();
    }

    /// <summary>Reads one frame the channel sent (header and payload), or null at the end of the stream.</summary>
    public (FrameHeader Header, byte[] Payload)? ReadFrame()
    {
        byte[] header = new byte[FrameHeader.Size];
        if (!ReadExactly(header))
        {
            return null;
        }

        FrameHeader parsed = FrameHeader.Read(header, int.MaxValue);
        byte[] payload = new byte[parsed.PayloadLength];
        if (!ReadExactly(payload))
        {
            return null;
        }

        return (parsed, payload);
    }

    /// <summary>Reads until the channel closes its end; returns how many bytes came first.</summary>
    public int ReadToEnd()
    {
        Socket.ReceiveTimeout = 10_000;
        byte[] buffer = new byte[4096];
        int total = 0;
        int received;
        while ((received = Socket.Receive(buffer)) > 0)
        {
            total += received;
        }

        return total;
    }

    public void Dispose() => Socket.Dispose();

    private bool ReadExactly(Span<byte> destination)
    {
        Socket.ReceiveTimeout = 10_000;
        return Socket.ReceiveExactly(destination);
    }
}
