namespace SocketPairGen.Channels;

/// <summary>
/// Cancellation: Cancel frames, the calls' tokens (created on first use), and firing them when serving ends.
/// </summary>
/// <remarks>
/// Every call that asks for its token gets a source of its own, never reused: an implementation may keep its token
/// after it replied (work that outlives the call), and a reused source would show a later call's cancellation on it.
/// The allocation is paid only by methods that take a token, which already run on the thread pool. A source is fired
/// outside <see cref="_lock"/> (its callbacks are the implementation's code), so the call may finish between the
/// moment the source is taken and the moment it fires; it then fires a token nobody else holds.
/// </remarks>
public sealed partial class ChannelServer
{
    private readonly Stack<InFlightCall> _freeCalls = new();

    /// <summary>The ids of the last <see cref="RequestWindowCount"/> answered calls, in the order the client reads
    /// the answers. A Cancel may name one of them (it crossed the answer on the wire), never an older one: the client
    /// has at most that many calls unanswered. Guarded by <see cref="_lock"/>.</summary>
    private readonly AnsweredCallIds _answered;

    /// <summary>A Cancel frame: fire the running call's token, or drop the queued request and answer Canceled at
    /// once (its window credit returns). A Cancel for a call just answered is ignored; one for an id the client
    /// cannot have in flight is a protocol error.</summary>
    private void OnCancel(uint callId)
    {
        CancellationTokenSource? source = TakeTokenSourceToCancel(callId, out bool queued);
        if (queued)
        {
            source = CancelQueued(callId);
        }

        if (source is not null)
        {
            CancelSource(source);
        }
    }

    /// <summary>
    /// The first half of a Cancel, under the lock: the running call's token source to fire (marked, so a token asked
    /// for later starts cancelled), or null when the call has no token yet (it gets a cancelled one), was answered, or is
    /// <paramref name="queued"/>.
    /// </summary>
    internal CancellationTokenSource? TakeTokenSourceToCancel(uint callId, out bool queued)
    {
        lock (_lock)
        {
            return FindCancelTarget(callId, out queued);
        }
    }

    /// <summary>See <see cref="TakeTokenSourceToCancel"/>. Called under <see cref="_lock"/>.</summary>
    private CancellationTokenSource? FindCancelTarget(uint callId, out bool queued)
    {
        queued = false;
        if (_running.TryGetValue(callId, out InFlightCall? call))
        {
            call.CancelRequested = true;
            return call.TokenSource;
        }

        if (_queue.Contains(callId))
        {
            queued = true;
            return null;
        }

        if (!_answered.Contains(callId))
        {
            throw new ChannelProtocolException(
                $"Received a Cancel for call id {callId:x8}, which is neither running, queued, nor among the last {RequestWindowCount} calls answered.");
        }

        return null;
    }

    /// <summary>Drops a queued request and answers it Canceled, in reply order; if it started or was answered
    /// meanwhile, treats the Cancel as for that.</summary>
    private CancellationTokenSource? CancelQueued(uint callId)
    {
        lock (_replyOrder)
        {
            QueuedRequest? dropped;
            lock (_lock)
            {
                dropped = _queue.Remove(callId);
                if (dropped is null)
                {
                    return FindCancelTarget(callId, out _);
                }

                _unansweredBytes -= dropped.Payload.Length;
                _unansweredDescriptors -= _contract.RequestDescriptors(dropped.MethodId);
                _answered.Add(callId);
            }

            dropped.Descriptors?.CloseAll();
            SendCanceled(dropped.MethodId, dropped.CallId);
            return null;
        }
    }

    /// <summary>The call's token, created on first use (most methods never ask).</summary>
    internal CancellationToken GetCancellationToken(InFlightCall call, uint stamp)
    {
        CancellationTokenSource source;
        bool cancelNow;
        lock (_lock)
        {
            if (call.Stamp != stamp || call.Answered)
            {
                return new CancellationToken(canceled: true); // the call is over
            }

            source = call.TokenSource ??= new CancellationTokenSource();
            cancelNow = call.CancelRequested || _closed;
            call.CancelRequested = cancelNow; // fired below, outside the lock
        }

        if (cancelNow)
        {
            CancelSource(source);
        }

        return source.Token;
    }

    /// <summary>Detaches a finished call's token source: from now on nothing fires it, and it is never reused (the
    /// implementation may still hold its token). Not disposed: a canceller may be firing it right now, and it holds no
    /// native resource unless someone asked for its wait handle, which has a finalizer of its own. Called under
    /// <see cref="_lock"/>.</summary>
    private static void ReleaseTokenSource(InFlightCall call) => call.TokenSource = null;

    /// <summary>Serving ended: fire the tokens of the calls still running and forget the queued ones.</summary>
    private void CancelAllCalls()
    {
        List<CancellationTokenSource> sources = [];
        lock (_lock)
        {
            _closed = true;
            _queue.Clear();
            _unansweredBytes = 0;
            _unansweredDescriptors = 0;
            foreach (InFlightCall call in _running.Values)
            {
                call.CancelRequested = true;
                if (call.TokenSource is not null)
                {
                    sources.Add(call.TokenSource);
                }
            }
        }

        foreach (CancellationTokenSource source in sources)
        {
            CancelSource(source);
        }
    }

    /// <summary>Fires a token. Its callbacks are the implementation's; one that throws ends serving with its
    /// exception (never the process, and never silently).</summary>
    private void CancelSource(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            Fail(ex.InnerExceptions[0]);
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }
}
