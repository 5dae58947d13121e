using System.ComponentModel;

namespace SocketPairGen.Channels;

/// <summary>One request being served: reply to it exactly once, now or later. A small copyable handle.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ServerCall
{
    private readonly ChannelServer _server;
    private readonly ChannelServer.InFlightCall _state;
    private readonly uint _stamp;

    internal ServerCall(ChannelServer server, ChannelServer.InFlightCall state)
    {
        _server = server;
        _state = state;
        _stamp = state.Stamp;
    }

    /// <summary>The id of the called method.</summary>
    public ushort MethodId => _state.MethodId;

    /// <summary>Fires when the client cancels the call or the channel closes, until the call is replied to; a token
    /// kept after the reply never fires again (it belongs to this call alone, and its source is never reused). Asked
    /// for after the reply, it is already cancelled.</summary>
    public CancellationToken CancellationToken => _server.GetCancellationToken(_state, _stamp);

    /// <summary>
    /// Keeps the request's payload valid after <see cref="IChannelDispatcher.Dispatch"/> returns, for an
    /// asynchronous implementation still holding an argument that points into it. Call it during Dispatch.
    /// </summary>
    public void RetainPayload() => _server.RetainPayload(_state, _stamp);

    /// <summary>Sends the result. A result that cannot be sent as it is (its payload throws while it is encoded, or
    /// it is larger than the client's or the server's maximum frame size) reaches the caller as a
    /// <see cref="ChannelRemoteException"/> instead; this method does not throw for it.</summary>
    /// <typeparam name="TPayload">The result's payload.</typeparam>
    /// <param name="payload">The result.</param>
    /// <exception cref="InvalidOperationException">The call was already replied to.</exception>
    public void Reply<TPayload>(TPayload payload)
        where TPayload : IFramePayload, allows ref struct =>
        _server.Reply(_state, _stamp, ref payload);

    /// <summary>Sends the exception the implementation threw: the caller gets a
    /// <see cref="ChannelRemoteException"/>, or an <see cref="OperationCanceledException"/> when the exception
    /// answers the client's cancellation.</summary>
    /// <param name="exception">What the implementation threw.</param>
    /// <exception cref="InvalidOperationException">The call was already replied to.</exception>
    public void ReplyError(Exception exception) => _server.ReplyError(_state, _stamp, exception);
}
