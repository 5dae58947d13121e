using SocketPairGen.Channels.Descriptors;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>Admitting requests: the request window, call ids, the queue of requests waiting for their turn, and
/// starting calls.</summary>
public sealed partial class ChannelServer
{
    /// <summary>The request window's count: how many requests a client may have unanswered (running or queued).</summary>
    private const int RequestWindowCount = 4096;

    /// <summary>
    /// Guards the call state below and in <see cref="InFlightCall"/>. Never held while user code runs or a frame is
    /// written. When both are taken, <see cref="_replyOrder"/> comes first.
    /// </summary>
    private readonly Lock _lock = new();

    /// <summary>Running calls not yet answered, by call id. A call leaves when its reply is claimed.</summary>
    private readonly Dictionary<uint, InFlightCall> _running = [];

    /// <summary>Requests waiting for their turn, each with its own copy of its payload.</summary>
    private readonly RequestQueue _queue = new();

    /// <summary>Payload bytes of the unanswered requests (running and queued): the window's second measure.</summary>
    private long _unansweredBytes;

    /// <summary>What the unanswered requests may carry in descriptors, each at its method's declared most: the window's
    /// third measure (<see cref="FrameHeader.MaxUnansweredDescriptors"/>).</summary>
    private int _unansweredDescriptors;

    /// <summary>Calls dispatched and not yet finished (a call whose reply is being written still counts), against
    /// <see cref="ChannelOptions.MaxConcurrentCalls"/>.</summary>
    private int _runningCount;

    /// <summary>A thread is starting queued requests; others leave the queue to it.</summary>
    private bool _draining;

    /// <summary>Serving has ended: no call starts any more.</summary>
    private bool _closed;

    /// <summary>The call whose payload lies in the reader's buffer while the reader thread dispatches it, and its stamp.</summary>
    private InFlightCall? _callInReaderBuffer;
    private uint _stampInReaderBuffer;

    /// <summary>The request window's bytes: how many payload bytes of unanswered requests a client may have.</summary>
    private long RequestWindowBytes => Math.Max(4L * _options.MaxFrameSize, 1L << 20);

    /// <summary>A request on the reader thread: admit it (or end serving), then run it now if it is its turn, else
    /// queue it with its own copy of the payload.</summary>
    private void OnRequest(FrameHeader header, ReadOnlyMemory<byte> payload)
    {
        ReceivedDescriptors? descriptors = _reader.TakeDescriptors() is { } received ? new ReceivedDescriptors(received) : null;
        try
        {
            OnRequest(header, payload, descriptors);
        }
        catch
        {
            descriptors?.CloseAll(); // a refused request; a no-op once its arguments own them
            throw;
        }
    }

    private void OnRequest(FrameHeader header, ReadOnlyMemory<byte> payload, ReceivedDescriptors? descriptors)
    {
        if (header.MethodId >= _contract.MethodCount)
        {
            throw new ChannelProtocolException(
                $"Received a call of method id {header.MethodId}; the contract {_contract} has {_contract.MethodCount} methods.");
        }

        if (header.Descriptors > _contract.RequestDescriptors(header.MethodId))
        {
            throw new ChannelProtocolException(
                $"Received a call of {MethodName(header.MethodId)} with {header.Descriptors} descriptor(s); its arguments hold at most " +
                $"{_contract.RequestDescriptors(header.MethodId)}. They were closed.");
        }

        // Copied before taking the lock when the request will most likely wait (the hint is read without the lock;
        // the decision below is not), so the lock is never held for a large copy on the common path.
        byte[]? copy = Volatile.Read(ref _runningCount) >= _options.MaxConcurrentCalls || _queue.Count > 0 ? payload.ToArray() : null;
        InFlightCall? call = null;
        int declared = _contract.RequestDescriptors(header.MethodId);
        lock (_lock)
        {
            Admit(header.CallId, payload.Length, declared);
            _unansweredBytes += payload.Length;
            _unansweredDescriptors += declared;
            if (_runningCount < _options.MaxConcurrentCalls && _queue.Count == 0)
            {
                _runningCount++;
                call = StartCall(header.CallId, header.MethodId, payload.Length);
            }
            else
            {
                _queue.Enqueue(new QueuedRequest(header.CallId, header.MethodId, copy ?? payload.ToArray(), descriptors));
            }
        }

        if (call is not null)
        {
            Dispatch(call, copy ?? payload, inReaderBuffer: copy is null, descriptors);
        }
    }

    /// <summary>Checks a new request against the call ids in use and the request window. Called under <see cref="_lock"/>.</summary>
    private void Admit(uint callId, int payloadLength, int declaredDescriptors)
    {
        if (_running.ContainsKey(callId) || _queue.Contains(callId))
        {
            throw new ChannelProtocolException($"Received call id {callId:x8} while a call with that id is still unanswered.");
        }

        int unanswered = _running.Count + _queue.Count;
        if (unanswered >= RequestWindowCount || _unansweredBytes + payloadLength > RequestWindowBytes)
        {
            throw new ChannelProtocolException(
                $"Received call id {callId:x8} beyond the request window: {unanswered} requests of {_unansweredBytes} bytes were unanswered, " +
                $"and a client may have at most {RequestWindowCount} requests of {RequestWindowBytes} bytes in all.");
        }

        if (declaredDescriptors > 0 && _unansweredDescriptors + declaredDescriptors > FrameHeader.MaxUnansweredDescriptors)
        {
            throw new ChannelProtocolException(
                $"Received call id {callId:x8} beyond the request window: the unanswered requests may carry {_unansweredDescriptors} descriptors, " +
                $"this one {declaredDescriptors} more, and a client's may carry at most {FrameHeader.MaxUnansweredDescriptors} in all.");
        }
    }

    /// <summary>Registers a call as running. Called under <see cref="_lock"/>.</summary>
    private InFlightCall StartCall(uint callId, ushort methodId, int payloadLength)
    {
        InFlightCall call = _freeCalls.Count > 0 ? _freeCalls.Pop() : new InFlightCall();
        call.Start(callId, methodId, payloadLength);
        _running.Add(callId, call);
        return call;
    }

    /// <summary>Hands a call to the dispatcher. Whatever the dispatcher throws is replied as the call's error, or,
    /// when the call was already answered or the arguments are malformed, ends serving.</summary>
    private void Dispatch(InFlightCall call, ReadOnlyMemory<byte> payload, bool inReaderBuffer, ReceivedDescriptors? descriptors)
    {
        uint stamp = call.Stamp;
        call.Descriptors = descriptors;
        if (inReaderBuffer)
        {
            _callInReaderBuffer = call;
            _stampInReaderBuffer = stamp;
        }

        try
        {
            _dispatcher.Dispatch(new ServerCall(this, call), payload);
        }
        catch (ChannelProtocolException ex) when (!call.ArgumentsRead)
        {
            // Malformed arguments: stop trusting this client.
            Abandon(call, stamp);
            Fail(ex);
        }
        catch (Exception ex)
        {
            if (!TryReplyError(call, stamp, ex))
            {
                Fail(ex); // thrown after the call was answered: no call can carry it
            }
        }
        finally
        {
            if (inReaderBuffer)
            {
                _callInReaderBuffer = null;
            }

            // The arguments own the descriptors once read; a call that never read them (refused, or its dispatcher
            // threw first) leaves them here to close. (The call's state forgets them when the call finishes: it may
            // already be another call's, with descriptors of its own.)
            descriptors?.CloseAll();
        }
    }

    /// <summary>A call that keeps pointing into its payload after Dispatch returns: the reader moves on to a new
    /// buffer. Only acts during that call's Dispatch on the reader thread (other payloads are copies already).</summary>
    internal void RetainPayload(InFlightCall call, uint stamp)
    {
        if (Environment.CurrentManagedThreadId == _readerThreadId && ReferenceEquals(_callInReaderBuffer, call) && _stampInReaderBuffer == stamp)
        {
            _callInReaderBuffer = null;
            _reader.DetachBuffer();
        }
    }

    /// <summary>Starts queued requests while it is their turn. One thread drains at a time; a call that finishes
    /// inside the loop leaves the next one to it rather than recursing.</summary>
    private void DrainQueue()
    {
        while (true)
        {
            InFlightCall call;
            byte[] payload;
            ReceivedDescriptors? descriptors;
            lock (_lock)
            {
                if (_queue.Count == 0 || _runningCount >= _options.MaxConcurrentCalls || _closed || Volatile.Read(ref _failure) is not null)
                {
                    _draining = false;
                    return;
                }

                QueuedRequest next = _queue.Dequeue();
                _runningCount++;
                call = StartCall(next.CallId, next.MethodId, next.Payload.Length);
                payload = next.Payload;
                descriptors = next.Descriptors;
            }

            Dispatch(call, payload, inReaderBuffer: false, descriptors);
        }
    }
}
