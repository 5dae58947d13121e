using System.ComponentModel;
using SocketPairGen.Channels.Codecs;

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

    /// <summary>
    /// Reads the call's arguments from its payload, which they must use up: malformed arguments throw
    /// <see cref="ChannelProtocolException"/> (the server stops trusting the client). From here on, whatever the
    /// dispatcher throws is the implementation's: it is replied to the caller as an error.
    /// </summary>
    /// <typeparam name="TRequest">The method's arguments.</typeparam>
    /// <param name="payload">The request's payload.</param>
    public TRequest ReadArguments<TRequest>(ReadOnlyMemory<byte> payload)
        where TRequest : IRequest<TRequest>, allows ref struct
    {
        var reader = new WireReader(payload, _state.Descriptors);
        TRequest request = TRequest.Read(ref reader);
        reader.EnsureEnd();

        // The arguments own the request's descriptors from here; before, a refused request closes them all (Dispatch).
        _state.Descriptors?.EnsureAllTaken();
        _state.Descriptors?.Commit();
        _state.ArgumentsPointIntoPayload = reader.PointsIntoPayload;
        _state.ArgumentsRead = true;
        return request;
    }

    /// <summary>As <see cref="ReadArguments{TRequest}"/>, for a method without arguments: the payload must be empty.</summary>
    /// <param name="payload">The request's payload.</param>
    public void ReadNoArguments(ReadOnlyMemory<byte> payload)
    {
        // A request's error, not EmptyPayload.Decode's, which speaks of a reply.
        new WireReader(payload).EnsureEnd();
        _state.ArgumentsRead = true;
    }

    /// <summary>Replies to a method without a result that returned.</summary>
    public void Reply() => Reply(default(EmptyPayload));

    /// <summary>Replies with a method's result, written with <typeparamref name="TCodec"/>. A null result where the
    /// codec accepts none is replied as an error naming the method (an <see cref="InvalidOperationException"/>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <typeparam name="TCodec">Its codec.</typeparam>
    /// <param name="result">The result.</param>
    public void Reply<T, TCodec>(T result)
        where TCodec : IWireCodec<T>
    {
        if (!TCodec.AcceptsNull && result is null)
        {
            ReplyError(WireValidation.NullResult(_server.MethodName(MethodId), WireTypeName.Of<T>()));
            return;
        }

        try
        {
            Reply(new ResultPayload<T, TCodec>(result));
        }
        finally
        {
            // A handle the method returned is handed over: the peer has its own copy now (or the reply failed).
            TCodec.DisposeSent(result);
        }
    }

    /// <summary>Replies when <paramref name="task"/> completes: at once when it has, else from its continuation (the
    /// request's payload is kept meanwhile when an argument points into it).</summary>
    /// <param name="task">What an asynchronous method without a result returned.</param>
    public void Reply(Task task) => ServerReplies.Reply(this, task);

    /// <inheritdoc cref="Reply(Task)"/>
    public void Reply(ValueTask task) => ServerReplies.Reply(this, task);

    /// <summary>Replies with <paramref name="task"/>'s result when it completes: at once when it has, else from its
    /// continuation (the request's payload is kept meanwhile when an argument points into it).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <typeparam name="TCodec">Its codec.</typeparam>
    /// <param name="task">What an asynchronous method returned.</param>
    public void Reply<T, TCodec>(Task<T> task)
        where TCodec : IWireCodec<T> =>
        ServerReplies.Reply<T, TCodec>(this, task);

    /// <inheritdoc cref="Reply{T, TCodec}(Task{T})"/>
    public void Reply<T, TCodec>(ValueTask<T> task)
        where TCodec : IWireCodec<T> =>
        ServerReplies.Reply<T, TCodec>(this, task);

    /// <summary>Keeps the request's payload for a call that goes on after its dispatch, if an argument points into it.</summary>
    internal void RetainPayloadIfArgumentsPointIntoIt()
    {
        if (_state.ArgumentsPointIntoPayload)
        {
            RetainPayload();
        }
    }

    /// <summary>Sends the exception the implementation threw: the caller gets a
    /// <see cref="ChannelRemoteException"/>, or an <see cref="OperationCanceledException"/> when the exception
    /// answers the client's cancellation.</summary>
    /// <param name="exception">What the implementation threw.</param>
    /// <exception cref="InvalidOperationException">The call was already replied to.</exception>
    public void ReplyError(Exception exception) => _server.ReplyError(_state, _stamp, exception);
}
