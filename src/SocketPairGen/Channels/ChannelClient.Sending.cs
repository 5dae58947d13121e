using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The send side of a call: checks, the server's handshake, room in the server's window, the token, then the
/// request. And what goes out later, on a thread-pool flusher, so that no caller blocks on it: Cancel frames, and
/// awaited calls made before the server's handshake arrived.
/// </summary>
public sealed partial class ChannelClient
{
    // ---- Sent later by the flusher; guarded by _sync. ----

    /// <summary>Calls whose Cancel frame is still to be sent (their request went out before they were cancelled).</summary>
    private readonly List<uint> _cancelQueue = [];

    /// <summary>Awaited calls made before the server's handshake arrived, each with a copy of its request frame. They
    /// hold a slot but count against the window only when the flusher takes room for them; calls made after the
    /// handshake wait until this queue is empty, so calls go out in the order they were made.</summary>
    private readonly Queue<DeferredRequest> _deferred = new();

    /// <summary>A flusher is queued or running; it clears the flag under the monitor when it finds nothing left.</summary>
    private bool _flushScheduled;

    /// <summary>
    /// Sends <paramref name="call"/>'s request, or queues it for the flusher (an awaited call before the handshake).
    /// Returns once the request is written, queued, or withdrawn because the token fired first (the call is then
    /// already completed with <see cref="OperationCanceledException"/>). On failure the call is unregistered (and
    /// dropped, not pooled) and the error propagates; a broken connection also fails the channel.
    /// </summary>
    private void Send<TRequest, TResult, TDecoder>(PendingCall<TResult, TDecoder> call, ushort methodId, scoped ref TRequest request, CancellationToken cancellationToken)
        where TRequest : IFramePayload, allows ref struct
        where TDecoder : IFrameDecoder<TResult>
    {
        if (methodId >= _contract.MethodCount)
        {
            throw new ArgumentOutOfRangeException(nameof(methodId), methodId, $"The contract {_contract} has {_contract.MethodCount} methods.");
        }

        long payloadLength = request.InlineLength + request.Trailer.Length;
        if (payloadLength > _options.MaxFrameSize)
        {
            throw new ChannelProtocolException(
                $"The request's payload of {payloadLength} bytes is larger than the maximum frame size of {_options.MaxFrameSize} bytes; nothing was sent.");
        }

        call.Owner = this;
        call.MethodId = methodId;
        // An awaited call must not block its caller until the server has started: queue a copy of the request. Not one
        // that may carry descriptors: the copy would have to keep the caller's handles alive past the call's start.
        if (call.IsAsync && !_handshakeDone && _contract.RequestDescriptors(methodId) == 0 && TryDefer(call, methodId, ref request, (int)payloadLength, cancellationToken))
        {
            return;
        }

        HelloInfo server = WaitForHandshake(cancellationToken);
        CheckServerMaximum(payloadLength, server);
        WaitForRoomAndRegister(call, (int)payloadLength, cancellationToken);

        // Tied once the call has an id; if the token has fired meanwhile, the callback runs now and withdraws the request.
        call.RegisterCancellation(cancellationToken);
        try
        {
            _writer.Write(FrameKind.Request, methodId, call.CallId, ref request, ref call.Gate);
        }
        catch (ChannelClosedException ex)
        {
            Unregister(call);
            call.ReleaseCancellation();
            throw FailedSend(ex);
        }
        catch
        {
            // Nothing was written (the payload threw while it was encoded): the channel is as it was.
            Unregister(call);
            call.ReleaseCancellation();
            throw;
        }

        if (call.UsesReaderThread)
        {
            WakeReaderThreadIfIdle();
        }
    }

    /// <summary>A request larger than the server accepts fails here, before anything is written; the channel stays usable.</summary>
    private static void CheckServerMaximum(long payloadLength, HelloInfo server)
    {
        if (payloadLength > server.MaxFrameSize)
        {
            throw new ChannelProtocolException(
                $"The request's payload of {payloadLength} bytes is larger than the server's maximum frame size of {server.MaxFrameSize} bytes; nothing was sent.");
        }
    }

    /// <summary>The connection broke while sending: the channel fails, and the caller learns why.</summary>
    private Exception FailedSend(ChannelClosedException error)
    {
        Fail(error);
        Exception cause = Volatile.Read(ref _terminalError) ?? error;
        return cause is ChannelProtocolException ? CopyOf(cause) : ClosedError(cause);
    }

    /// <summary>
    /// Before the handshake: queues an awaited call's request, encoded now (the caller's arguments are only valid
    /// during the call), for the flusher to send once the handshake is read and the window has room. Returns false
    /// when the handshake arrived meanwhile: the call then takes the ordinary path, behind the queued ones.
    /// </summary>
    private bool TryDefer<TRequest>(PendingCall call, ushort methodId, scoped ref TRequest request, int payloadLength, CancellationToken cancellationToken)
        where TRequest : IFramePayload, allows ref struct
    {
        byte[] frame = _writer.Encode(FrameKind.Request, methodId, ref request);
        lock (_sync)
        {
            if (_terminalError is not null)
            {
                throw ClosedError(_terminalError);
            }

            if (_handshakeDone)
            {
                return false;
            }

            AssignSlot(call, payloadLength, counted: false);
            call.KeepOutOfPool = true;
            new FrameHeader(payloadLength, FrameKind.Request, methodId, call.CallId).Write(frame);
            _deferred.Enqueue(new DeferredRequest(call, frame));
        }

        call.RegisterCancellation(cancellationToken);
        WakeReaderThread(); // it reads the handshake (then schedules the flusher), then the reply
        return true;
    }

    /// <summary>Queues a Cancel frame for a call whose request went out. Called under <see cref="_sync"/>.</summary>
    private void QueueCancelFrame(uint callId)
    {
        _cancelQueue.Add(callId);
        ScheduleFlush();
    }

    /// <summary>Starts the flusher unless one is queued or running. Called under <see cref="_sync"/>.</summary>
    private void ScheduleFlush()
    {
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            ThreadPool.UnsafeQueueUserWorkItem(static client => client.Flush(), this, preferLocal: false);
        }
    }

    /// <summary>
    /// The flusher, on the thread pool: sends queued Cancel frames (in one write) and deferred requests in order,
    /// each once the window has room, until nothing is left. A full socket makes it wait here, reading meanwhile
    /// if nobody else reads, never in a caller's <c>Cancel()</c>. Nothing may escape a thread-pool item: a failure
    /// fails the channel.
    /// </summary>
    private void Flush()
    {
        try
        {
            while (FlushOne())
            {
            }
        }
        catch (Exception ex)
        {
            Fail(ex is ChannelException ? ex : new ChannelClosedException($"Sending a queued frame failed: {ex.Message}", ex));
            lock (_sync)
            {
                _flushScheduled = false;
            }
        }
    }

    /// <summary>Sends one batch of Cancel frames or one deferred request; false when nothing is left to send.</summary>
    private bool FlushOne()
    {
        byte[]? cancels = null;
        DeferredRequest next;
        lock (_sync)
        {
            if (_terminalError is not null || (_cancelQueue.Count == 0 && (_deferred.Count == 0 || !_handshakeDone)))
            {
                _flushScheduled = false;
                return false;
            }

            if (_cancelQueue.Count > 0)
            {
                cancels = new byte[_cancelQueue.Count * FrameHeader.Size];
                for (int i = 0; i < _cancelQueue.Count; i++)
                {
                    new FrameHeader(0, FrameKind.Cancel, 0, _cancelQueue[i]).Write(cancels.AsSpan(i * FrameHeader.Size));
                }

                _cancelQueue.Clear();
            }

            next = _deferred.Count > 0 ? _deferred.Peek() : default;
        }

        if (cancels is not null)
        {
            _writer.WriteFrames(cancels);
            return true;
        }

        SendDeferred(next.Call, next.Frame);
        return true;
    }

    /// <summary>Sends the deferred request at the head of the queue once the window has room, then dequeues it.</summary>
    private void SendDeferred(PendingCall call, byte[] frame)
    {
        int payloadLength = frame.Length - FrameHeader.Size;
        try
        {
            CheckServerMaximum(payloadLength, _server!.Value);
            WaitUntil(new DeferredRoomTaken(call, payloadLength), readsHere: false, default);
            _writer.WriteFrame(frame, ref call.Gate);
        }
        catch (ChannelProtocolException ex) when (Volatile.Read(ref _terminalError) is null)
        {
            // Too large for the server, or the window is full of calls the server never answered: this call fails.
            Unregister(call);
            call.SetError(ex);
            call.CompleteAsync(inline: false);
        }
        finally
        {
            lock (_sync)
            {
                _deferred.Dequeue();
                PulseWaiters(); // a synchronous call may be waiting for the queue to drain
            }
        }
    }

    /// <summary>A request queued for the flusher with its encoded frame.</summary>
    private readonly record struct DeferredRequest(PendingCall Call, byte[] Frame);
}
