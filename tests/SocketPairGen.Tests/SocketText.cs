using System.Net.Sockets;
using System.Text;

namespace SocketPairGen.Tests;

/// <summary>Reads what a child reports over its socket.</summary>
internal static class SocketText
{
    /// <summary>Generous: a .NET child on a busy 2-core machine can take seconds to start.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Everything until end of stream, as UTF-8. Fails (SocketException, TimedOut) if the peer neither writes nor
    /// closes within <see cref="Timeout"/>.
    /// </summary>
    public static string ReadToEnd(Socket socket)
    {
        socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        var bytes = new MemoryStream();
        byte[] buffer = new byte[4096];
        int received;
        while ((received = socket.Receive(buffer)) > 0)
        {
            bytes.Write(buffer, 0, received);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
