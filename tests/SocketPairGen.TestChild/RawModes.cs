using System.Buffers.Binary;
using System.Net.Sockets;

namespace SocketPairGen.TestChild;

/// <summary>The raw socket peers of the benchmark baselines: no framing library, just Send and Receive.</summary>
internal static class RawModes
{
    /// <summary>Echoes 16-byte messages until the parent closes the socket.</summary>
    public static int PingPong()
    {
        using Socket socket = ChildProcess.OpenInheritedSocket();
        Span<byte> message = stackalloc byte[16];
        while (socket.ReceiveExactly(message))
        {
            socket.Send(message);
        }

        return 0;
    }

    /// <summary>Receives blocks (a 4-byte length, then the bytes) and answers each with its length as 8 bytes.</summary>
    public static int Bulk()
    {
        using Socket socket = ChildProcess.OpenInheritedSocket();
        byte[] buffer = new byte[1 << 20];
        Span<byte> header = stackalloc byte[8];
        while (socket.ReceiveExactly(header[..4]))
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(header);
            int remaining = length;
            while (remaining > 0)
            {
                int received = socket.Receive(buffer.AsSpan(0, Math.Min(remaining, buffer.Length)));
                if (received == 0)
                {
                    return 1;
                }

                remaining -= received;
            }

            BinaryPrimitives.WriteInt64LittleEndian(header, length);
            socket.Send(header);
        }

        return 0;
    }
}
