namespace SocketPairGen;

/// <summary>The base of every error a channel reports: the remote side failed, the channel closed, or the peer
/// broke the protocol.</summary>
public abstract class ChannelException : IOException
{
    /// <summary>Creates the exception with a message and an optional cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected ChannelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The server's implementation of the called method threw. Carries the remote exception's type name and
/// message (and its stack trace when <see cref="ChannelOptions.IncludeRemoteStackTrace"/> was set on the server).
/// The channel stays usable.</summary>
public sealed class ChannelRemoteException : ChannelException
{
    /// <summary>Creates the exception from what the server sent.</summary>
    /// <param name="remoteTypeName">The full name of the exception type thrown on the server.</param>
    /// <param name="remoteMessage">Its message.</param>
    /// <param name="remoteStackTrace">Its stack trace, or <see langword="null"/> when the server did not send it.</param>
    public ChannelRemoteException(string remoteTypeName, string remoteMessage, string? remoteStackTrace = null)
        : base($"The remote method threw {remoteTypeName}: {remoteMessage}")
    {
        RemoteTypeName = remoteTypeName;
        RemoteMessage = remoteMessage;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception type thrown on the server, for example <c>System.ArgumentException</c>.</summary>
    public string RemoteTypeName { get; }

    /// <summary>The message of the exception thrown on the server.</summary>
    public string RemoteMessage { get; }

    /// <summary>The server-side stack trace, when the server was configured to send it; otherwise <see langword="null"/>.</summary>
    public string? RemoteStackTrace { get; }
}

/// <summary>The peer is gone (end of stream, connection reset, the child process died) or the channel was closed.
/// Every pending call and every later call on the channel fails with it; <see cref="Exception.InnerException"/>
/// carries the original cause when the channel closed because of another error.</summary>
public sealed class ChannelClosedException : ChannelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the channel is closed.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ChannelClosedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The peer sent something that breaks the protocol (a malformed or oversized frame, an invalid value, a
/// contract that does not match at the handshake), or a call's own frame is larger than the maximum. After a
/// protocol error received from the peer, the channel is closed: nothing more is decoded from it.</summary>
public sealed class ChannelProtocolException : ChannelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the input.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ChannelProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
