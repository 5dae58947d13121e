using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// Replies: every call gets exactly one final frame (Response, Error or Canceled) carrying its call id and method id.
/// A reply that cannot be sent as it is (its payload throws while encoding, or it is larger than the client accepts)
/// goes as an Error instead: nothing has been written when either happens, and a call left unanswered would leave its
/// caller waiting for good.
/// </summary>
/// <remarks>
/// Order of a reply: <see cref="Claim"/> (the call's one reply is taken, its window credit returned, its id recorded
/// as answered) and the write happen together under <see cref="_replyOrder"/>, so answered ids are recorded in the
/// order the client reads the replies; then <see cref="Finish"/> releases the call and starts the next queued one.
/// Credit returns before the reply is written: a client that sends a new request as soon as it reads a reply never
/// overtakes the server's count.
/// </remarks>
public sealed partial class ChannelServer
{
    /// <summary>Held from a call's claim to the end of its final frame's write (see the remarks above).</summary>
    private readonly Lock _replyOrder = new();

    internal void Reply<TPayload>(InFlightCall call, uint stamp, scoped ref TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        lock (_replyOrder)
        {
            if (!Claim(call, stamp))
            {
                throw AlreadyAnswered();
            }

            try
            {
                _writer.Write(FrameKind.Response, call.MethodId, call.CallId, ref payload);
            }
            catch (ChannelClosedException)
            {
                // The client is gone; there is no one to reply to.
            }
            catch (Exception ex)
            {
                // Nothing was written: the payload threw while encoding, or it is larger than the client accepts
                // (a ChannelProtocolException from the writer, whose stack trace is ours, not the implementation's).
                SendError(call, ex, includeStackTrace: ex is not ChannelProtocolException && _options.IncludeRemoteStackTrace);
            }
        }

        Finish(call);
    }

    internal void ReplyError(InFlightCall call, uint stamp, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!TryReplyError(call, stamp, exception))
        {
            throw AlreadyAnswered();
        }
    }

    /// <summary>Sends <paramref name="exception"/> as the call's reply: Canceled when it answers the client's
    /// cancellation, else an Error. Returns false when the call was already answered.</summary>
    private bool TryReplyError(InFlightCall call, uint stamp, Exception exception)
    {
        lock (_replyOrder)
        {
            if (!Claim(call, stamp))
            {
                return false;
            }

            if (exception is OperationCanceledException && call.TokenSource?.IsCancellationRequested == true)
            {
                SendCanceled(call.MethodId, call.CallId);
            }
            else
            {
                SendError(call, exception, _options.IncludeRemoteStackTrace);
            }
        }

        Finish(call);
        return true;
    }

    /// <summary>Ends a call without a reply (serving is failing anyway).</summary>
    private void Abandon(InFlightCall call, uint stamp)
    {
        bool claimed;
        lock (_replyOrder)
        {
            claimed = Claim(call, stamp);
        }

        if (claimed)
        {
            Finish(call);
        }
    }

    /// <summary>
    /// Takes the call's one reply: false when the handle is stale or the call was answered already. From here on
    /// the call no longer counts against the window, a Cancel naming it is ignored, and its token reads as
    /// cancelled. Called under <see cref="_replyOrder"/>.
    /// </summary>
    private bool Claim(InFlightCall call, uint stamp)
    {
        lock (_lock)
        {
            if (call.Stamp != stamp || call.Answered)
            {
                return false;
            }

            call.Answered = true;
            _running.Remove(call.CallId);
            _unansweredBytes -= call.PayloadLength;
            _unansweredDescriptors -= _contract.RequestDescriptors(call.MethodId);
            _answered.Add(call.CallId);
            return true;
        }
    }

    /// <summary>Sends an Error frame. Error payloads are cut to fit the client and read the exception defensively, so
    /// only a broken connection is expected here. Called under <see cref="_replyOrder"/>.</summary>
    private void SendError(InFlightCall call, Exception exception, bool includeStackTrace)
    {
        try
        {
            var error = new ErrorPayload(exception, includeStackTrace, _replyLimit);
            _writer.Write(FrameKind.Error, call.MethodId, call.CallId, ref error);
        }
        catch (ChannelClosedException)
        {
            // The client is gone.
        }
        catch (Exception ex)
        {
            // The call cannot be answered: end the channel rather than leave its caller waiting.
            Fail(ex);
        }
    }

    /// <summary>Sends a Canceled frame. Called under <see cref="_replyOrder"/>.</summary>
    private void SendCanceled(ushort methodId, uint callId)
    {
        try
        {
            var empty = default(EmptyPayload);
            _writer.Write(FrameKind.Canceled, methodId, callId, ref empty);
        }
        catch (ChannelClosedException)
        {
            // The client is gone.
        }
    }

    /// <summary>The call's reply is written: release its state, then start queued requests whose turn it is.</summary>
    private void Finish(InFlightCall call)
    {
        lock (_lock)
        {
            _runningCount--;
            ReleaseTokenSource(call);
            call.Descriptors = null; // its arguments own them, or its dispatch closes them
            _freeCalls.Push(call);
            if (_draining || _queue.Count == 0)
            {
                return;
            }

            _draining = true;
        }

        DrainQueue();
    }

    /// <summary>A method's qualified name (<c>Ns.IFoo.Add</c>) for error messages, or its id when the contract has no names.</summary>
    internal string MethodName(ushort methodId) =>
        _contract.MethodNames is { } names ? _contract.Name + "." + names[methodId] : $"method {methodId} of {_contract.Name}";

    private static InvalidOperationException AlreadyAnswered() =>
        new("The call was already replied to: a call gets exactly one reply.");
}
