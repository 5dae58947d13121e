using System.Net.Sockets;

namespace SocketPairGen;

/// <summary>
/// One end of a channel of the contract <typeparamref name="TContract"/> (a <c>[SocketPairChannel]</c> interface):
/// an AF_UNIX stream socket that can cross another channel as an argument or a result, so a server can hand its
/// client a new channel (a session, a sub-worker) and either side can call or serve on it with the contract's
/// generated <c>Connect(ChannelEnd&lt;TContract&gt;)</c> or <c>ServeAsync(ChannelEnd&lt;TContract&gt;, …)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The end owns its socket until <c>Connect</c> or <c>ServeAsync</c> takes it (<see cref="TakeSocket"/>);
/// disposing it before then closes the socket.
/// </para>
/// <para>
/// Crossing a channel, it travels as a descriptor (<c>SCM_RIGHTS</c>): the kernel gives the receiver its own copy,
/// close-on-exec from birth, which the receiver owns. An end passed as an argument stays the caller's: dispose it once
/// the call returns, or the peer never sees the channel end. An end a server method returns is handed over: the
/// channel closes the server's copy once the reply is sent. The receiver checks that what arrived is an AF_UNIX
/// stream socket, and the handshake on the new channel checks the contract.
/// </para>
/// </remarks>
/// <typeparam name="TContract">The contract spoken on the channel.</typeparam>
public sealed class ChannelEnd<TContract> : IDisposable
    where TContract : class
{
    private Socket? _socket;

    /// <summary>Wraps a connected AF_UNIX stream socket, which the end owns from now on.</summary>
    /// <param name="socket">One end of a socket pair (see <see cref="SocketPair.Create"/>).</param>
    /// <exception cref="ArgumentException">The socket is not an AF_UNIX stream socket.</exception>
    public ChannelEnd(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.AddressFamily != AddressFamily.Unix || socket.SocketType != SocketType.Stream)
        {
            throw new ArgumentException(
                $"A channel end is an AF_UNIX stream socket; this one is {socket.AddressFamily} {socket.SocketType}.", nameof(socket));
        }

        _socket = socket;
    }

    /// <summary>Creates a new channel: two connected ends, both close-on-exec. Keep one (serve or call on it) and hand
    /// the other to a peer.</summary>
    /// <returns>The two ends; dispose each one that is not handed over.</returns>
    public static (ChannelEnd<TContract> First, ChannelEnd<TContract> Second) CreatePair()
    {
        SocketPair pair = SocketPair.Create();
        return (new ChannelEnd<TContract>(pair.First), new ChannelEnd<TContract>(pair.Second));
    }

    /// <summary>Whether the end still holds its socket (it was neither taken nor disposed).</summary>
    public bool IsOpen => Volatile.Read(ref _socket) is not null;

    /// <summary>Hands the socket over to its new owner (the generated <c>Connect</c> and <c>ServeAsync</c> call this);
    /// the end is empty afterwards.</summary>
    /// <returns>The socket, which the caller owns.</returns>
    /// <exception cref="ObjectDisposedException">The end was disposed, or its socket was already taken.</exception>
    public Socket TakeSocket() =>
        Interlocked.Exchange(ref _socket, null)
        ?? throw new ObjectDisposedException(GetType().Name, "This channel end was disposed, or its socket was already taken.");

    /// <summary>The socket, for the channel that sends this end (the end keeps it).</summary>
    internal Socket Socket =>
        Volatile.Read(ref _socket)
        ?? throw new ObjectDisposedException(GetType().Name, "This channel end was disposed, or its socket was already taken.");

    /// <summary>Closes the socket unless it was taken.</summary>
    public void Dispose() => Interlocked.Exchange(ref _socket, null)?.Dispose();
}
