using System.Net.Sockets;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>
/// A real client and a real server talking through two socketpairs and two relay threads that keep a copy of
/// every byte in each direction: the seeds are what the real encoders wrote.
/// </summary>
internal sealed class RecordingTap : IDisposable
{
    private readonly Socket _clientSide;
    private readonly Socket _serverSide;
    private readonly MemoryStream _clientToServer = new();
    private readonly MemoryStream _serverToClient = new();
    private readonly Thread _up;
    private readonly Thread _down;

    public RecordingTap()
    {
        (Socket clientEnd, Socket clientSide) = SocketPair.Create();
        (Socket serverSide, Socket serverEnd) = SocketPair.Create();
        ClientSocket = clientEnd;
        ServerSocket = serverEnd;
        _clientSide = clientSide;
        _serverSide = serverSide;
        _up = Relay(_clientSide, _serverSide, _clientToServer);
        _down = Relay(_serverSide, _clientSide, _serverToClient);
    }

    /// <summary>The end to give the real client.</summary>
    public Socket ClientSocket { get; }

    /// <summary>The end to give the real server.</summary>
    public Socket ServerSocket { get; }

    /// <summary>Everything the client wrote so far.</summary>
    public byte[] ClientToServer
    {
        get
        {
            lock (_clientToServer)
            {
                return _clientToServer.ToArray();
            }
        }
    }

    /// <summary>Everything the server wrote so far.</summary>
    public byte[] ServerToClient
    {
        get
        {
            lock (_serverToClient)
            {
                return _serverToClient.ToArray();
            }
        }
    }

    /// <summary>Waits until both directions reached their end of stream (both sides closed).</summary>
    public void WaitForEnd()
    {
        if (!_up.Join(TimeSpan.FromSeconds(10)) || !_down.Join(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("The recorded channel did not close within 10 s.");
        }
    }

    public void Dispose()
    {
        _clientSide.Dispose();
        _serverSide.Dispose();
    }

    private static Thread Relay(Socket from, Socket to, MemoryStream record)
    {
        var thread = new Thread(() =>
        {
            byte[] buffer = new byte[64 * 1024];
            try
            {
                int received;
                while ((received = from.Receive(buffer)) > 0)
                {
                    lock (record)
                    {
                        record.Write(buffer, 0, received);
                    }

                    to.Send(buffer.AsSpan(0, received));
                }

                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // One side went away: the recording ends here.
            }
        })
        { IsBackground = true, Name = "fuzz seed tap" };
        thread.Start();
        return thread;
    }
}
