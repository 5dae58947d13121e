using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>Calls being served: the in-flight table, the queue of requests waiting for their turn, replies and cancellation.</summary>
public sealed partial class ChannelServer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, InFlightCall> _inFlight = [];
    private readonly Queue<QueuedRequest> _queue = new();
    private readonly Stack<InFlightCall> _freeCalls = new();
    private readonly Stack<CancellationTokenSource> _freeTokenSources = new();
    /// <summary>Requests waiting for their turn are bounded by count and bytes; past that the reader stops reading
    /// (the client's sends then block on a full socket) instead of buffering without limit.</summary>
    private const int MaxQueuedRequests = 4096;

    private long MaxQueuedBytes => Math.Max(4L * _options.MaxFrameSize, 1L << 20);

    private readonly object _queueSpace = new();
    private long _queuedBytes;
    private int _running;
    private bool _draining;
    private bool _closed;

    /// <summary>A request on the reader thread: run it now if it is its turn, else queue a copy.</summary>
    private void OnRequest(FrameHeader header, ReadOnlyMemory<byte> payload)
    {
        if (Volatile.Read(ref _running) >= _options.MaxConcurrentCalls)
        {
            WaitForQueueSpace(payload.Length);
        }

        InFlightCall? call = null;
        lock (_lock)
        {
            if (_inFlight.ContainsKey(header.CallId))
            {
                throw new ChannelProtocolException($"Received call id {header.CallId:x8} while a call with that id is still running.");
            }

            if (_running < _options.MaxConcurrentCalls && _queue.Count == 0)
            {
                _running++;
                call = StartCall(header.CallId, header.MethodId);
                call.PayloadInReaderBuffer = true;
            }
            else
            {
                _queue.Enqueue(new QueuedRequest(header.CallId, header.MethodId, payload.ToArray()));
                _queuedBytes += payload.Length;
            }
        }

        if (call is not null)
        {
            Dispatch(call, payload);
        }
    }

    /// <summary>Registers a call as running. Called under <see cref="_lock"/>.</summary>
    private InFlightCall StartCall(uint callId, ushort methodId)
    {
        InFlightCall call = _freeCalls.Count > 0 ? _freeCalls.Pop() : new InFlightCall();
        call.CallId = callId;
        call.MethodId = methodId;
        _inFlight.Add(callId, call);
        return call;
    }

    private void Dispatch(InFlightCall call, ReadOnlyMemory<byte> payload)
    {
        try
        {
            _dispatcher.Dispatch(new ServerCall(this, call), payload);
        }
        catch (ChannelProtocolException ex)
        {
            // Malformed arguments: stop trusting this client.
            Finish(call, call.CallId);
            Fail(ex);
        }
        catch (Exception ex)
        {
            if (IsRunning(call, call.CallId))
            {
                ReplyError(call, call.CallId, ex);
            }
        }
    }

    internal void Reply<TPayload>(InFlightCall call, uint callId, scoped ref TPayload payload)
        where TPayload : IFramePayload, allows ref struct
    {
        ThrowIfNotRunning(call, callId);
        try
        {
            _writer.Write(FrameKind.Response, call.MethodId, callId, ref payload);
        }
        catch (ChannelProtocolException ex)
        {
            // The reply is larger than the maximum frame size: the client gets an error instead of a hang.
            SendError(call.MethodId, callId, ex, includeStackTrace: false);
        }
        catch (ChannelClosedException)
        {
            // The client is gone; there is no one to reply to.
        }
        finally
        {
            Finish(call, callId);
        }
    }

    internal void ReplyError(InFlightCall call, uint callId, Exception exception)
    {
        ThrowIfNotRunning(call, callId);
        try
        {
            if (exception is OperationCanceledException && call.TokenSource?.IsCancellationRequested == true)
            {
                _writer.WriteEmpty(FrameKind.Canceled, callId, call.MethodId);
            }
            else
            {
                SendError(call.MethodId, callId, exception, _options.IncludeRemoteStackTrace);
            }
        }
        catch (ChannelClosedException)
        {
            // The client is gone.
        }
        finally
        {
            Finish(call, callId);
        }
    }

    private void SendError(ushort methodId, uint callId, Exception exception, bool includeStackTrace)
    {
        var error = new ErrorPayload(exception, includeStackTrace);
        _writer.Write(FrameKind.Error, methodId, callId, ref error);
    }

    /// <summary>A call that keeps pointing into its payload after Dispatch returns: the reader moves on to a new
    /// buffer. Only valid during Dispatch, on the reader thread.</summary>
    internal void RetainPayload(InFlightCall call, uint callId)
    {
        if (call.CallId == callId && call.PayloadInReaderBuffer)
        {
            call.PayloadInReaderBuffer = false;
            _reader.DetachBuffer();
        }
    }

    /// <summary>The call's token, created on first use (most methods never ask) from a pool of token sources.</summary>
    internal CancellationToken GetCancellationToken(InFlightCall call, uint callId)
    {
        CancellationTokenSource source;
        bool cancelNow;
        lock (_lock)
        {
            if (call.CallId != callId || !_inFlight.ContainsKey(callId))
            {
                return new CancellationToken(canceled: true); // the call is over
            }

            if (call.TokenSource is null)
            {
                call.TokenSource = _freeTokenSources.Count > 0 ? _freeTokenSources.Pop() : new CancellationTokenSource();
            }

            source = call.TokenSource;
            cancelNow = call.CancelRequested || _closed;
        }

        if (cancelNow)
        {
            source.Cancel();
        }

        return source.Token;
    }

    /// <summary>A cancel frame: fire the running call's token, or drop the queued request with a Canceled reply.
    /// A cancel for a call already finished is ignored (its reply crossed the cancel on the wire).</summary>
    private void OnCancel(uint callId)
    {
        CancellationTokenSource? source = null;
        lock (_lock)
        {
            if (_inFlight.TryGetValue(callId, out InFlightCall? call))
            {
                call.CancelRequested = true;
                source = call.TokenSource;
            }
            else
            {
                foreach (QueuedRequest queued in _queue)
                {
                    if (queued.CallId == callId)
                    {
                        queued.Canceled = true;
                    }
                }
            }
        }

        CancelQuietly(source);
    }

    /// <summary>The call has replied: release its state, then start queued requests whose turn it is.</summary>
    private void Finish(InFlightCall call, uint callId)
    {
        lock (_lock)
        {
            if (call.CallId != callId || !_inFlight.Remove(callId))
            {
                return;
            }

            _running--;
            CancellationTokenSource? source = call.TokenSource;
            if (source is not null && source.TryReset())
            {
                _freeTokenSources.Push(source);
            }
            else
            {
                source?.Dispose();
            }

            call.TokenSource = null;
            call.CancelRequested = false;
            call.PayloadInReaderBuffer = false;
            call.CallId = 0;
            _freeCalls.Push(call);

            if (_draining || _queue.Count == 0)
            {
                return;
            }

            _draining = true;
        }

        DrainQueue();
    }

    /// <summary>Starts queued requests while it is their turn. One thread drains at a time; a call that
    /// finishes inside the loop leaves the next one to it rather than recursing.</summary>
    private void DrainQueue()
    {
        while (true)
        {
            QueuedRequest next;
            InFlightCall? call = null;
            lock (_lock)
            {
                if (_queue.Count == 0 || _running >= _options.MaxConcurrentCalls || _closed)
                {
                    _draining = false;
                    return;
                }

                next = _queue.Dequeue();
                _queuedBytes -= next.Payload.Length;
                if (!next.Canceled)
                {
                    _running++;
                    call = StartCall(next.CallId, next.MethodId);
                }
            }

            SignalQueueSpace();
            if (call is null)
            {
                try
                {
                    _writer.WriteEmpty(FrameKind.Canceled, next.CallId, next.MethodId);
                }
                catch (ChannelException)
                {
                    // The client is gone.
                }

                continue;
            }

            Dispatch(call, next.Payload);
        }
    }

    /// <summary>Blocks the reader while the queue is full; a call finishing, or serving ending, frees it.</summary>
    private void WaitForQueueSpace(int length)
    {
        lock (_queueSpace)
        {
            while (QueueIsFull(length))
            {
                Monitor.Wait(_queueSpace);
            }
        }
    }

    private bool QueueIsFull(int length)
    {
        long maxQueuedBytes = MaxQueuedBytes;
        lock (_lock)
        {
            return !_closed && !_stopRequested && _failure is null && _queue.Count > 0
                && (_queue.Count >= MaxQueuedRequests || _queuedBytes + length > maxQueuedBytes);
        }
    }

    private void SignalQueueSpace()
    {
        lock (_queueSpace)
        {
            Monitor.PulseAll(_queueSpace);
        }
    }

    private bool IsRunning(InFlightCall call, uint callId)
    {
        lock (_lock)
        {
            return call.CallId == callId && _inFlight.ContainsKey(callId);
        }
    }

    private void ThrowIfNotRunning(InFlightCall call, uint callId)
    {
        if (!IsRunning(call, callId))
        {
            throw new InvalidOperationException($"Call {callId:x8} was already replied to.");
        }
    }

    /// <summary>Serving ended: fire the tokens of the calls still running and forget the queued ones.</summary>
    private void CancelAllCalls()
    {
        List<CancellationTokenSource> sources = [];
        lock (_lock)
        {
            _closed = true;
            _queue.Clear();
            _queuedBytes = 0;
            foreach (InFlightCall call in _inFlight.Values)
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
            CancelQuietly(source);
        }
    }

    /// <summary>Cancels a token without letting a throwing callback of the implementation stop the server.</summary>
    private static void CancelQuietly(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by the implementation threw; its call will report its own outcome.
        }
        catch (ObjectDisposedException)
        {
            // The call finished meanwhile.
        }
    }

    /// <summary>The state of a running call. Pooled; <see cref="CallId"/> tells a stale handle from the current use.</summary>
    internal sealed class InFlightCall
    {
        public uint CallId { get; set; }

        public ushort MethodId { get; set; }

        public CancellationTokenSource? TokenSource { get; set; }

        public bool CancelRequested { get; set; }

        /// <summary>The request's payload lies in the reader's buffer (it was not queued).</summary>
        public bool PayloadInReaderBuffer { get; set; }
    }

    /// <summary>A request waiting for its turn, with its own copy of the payload.</summary>
    private sealed class QueuedRequest(uint callId, ushort methodId, byte[] payload)
    {
        public uint CallId { get; } = callId;

        public ushort MethodId { get; } = methodId;

        public byte[] Payload { get; } = payload;

        public bool Canceled { get; set; }
    }
}
