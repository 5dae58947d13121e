using System.Net.Sockets;

namespace SocketPairGen.TestChild;

/// <summary>Blocking reads of an exact length, for the raw-socket peers of the tests and benchmarks.</summary>
public static class SocketReading
{
    /// <summary>Fills <paramref name="destination"/>; false when the peer closed before it was full.</summary>
    public static bool ReceiveExactly(this Socket socket, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int received = socket.Receive(destination);
            if (received == 0)
            {
                return false;
            }

            destination = destination[received..];
        }

        return true;
    }
}
