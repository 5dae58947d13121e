namespace SocketPairGen.Channels;

/// <summary>
/// Requests waiting for their turn, in arrival order, also found by call id: a Cancel drops its request from the
/// middle at once, so cancelled requests never pile up behind a long call. Not thread-safe: the server's lock
/// guards it (<see cref="Count"/> may be read without it as a hint).
/// </summary>
internal sealed class RequestQueue
{
    private readonly Dictionary<uint, QueuedRequest> _byCallId = [];
    private QueuedRequest? _first;
    private QueuedRequest? _last;

    public int Count => _byCallId.Count;

    public bool Contains(uint callId) => _byCallId.Count > 0 && _byCallId.ContainsKey(callId);

    public void Enqueue(QueuedRequest request)
    {
        _byCallId.Add(request.CallId, request);
        request.Previous = _last;
        if (_last is null)
        {
            _first = request;
        }
        else
        {
            _last.Next = request;
        }

        _last = request;
    }

    /// <summary>Takes the oldest request; the queue must not be empty.</summary>
    public QueuedRequest Dequeue()
    {
        QueuedRequest first = _first ?? throw new InvalidOperationException("The request queue is empty.");
        _byCallId.Remove(first.CallId);
        Unlink(first);
        return first;
    }

    /// <summary>Takes the request with <paramref name="callId"/> out of the queue, or returns null.</summary>
    public QueuedRequest? Remove(uint callId)
    {
        if (!_byCallId.Remove(callId, out QueuedRequest? request))
        {
            return null;
        }

        Unlink(request);
        return request;
    }

    /// <summary>Forgets every queued request, closing the descriptors that came with them.</summary>
    public void Clear()
    {
        for (QueuedRequest? request = _first; request is not null; request = request.Next)
        {
            request.Descriptors?.CloseAll();
        }

        _byCallId.Clear();
        _first = _last = null;
    }

    private void Unlink(QueuedRequest request)
    {
        if (request.Previous is null)
        {
            _first = request.Next;
        }
        else
        {
            request.Previous.Next = request.Next;
        }

        if (request.Next is null)
        {
            _last = request.Previous;
        }
        else
        {
            request.Next.Previous = request.Previous;
        }

        request.Previous = request.Next = null;
    }
}

/// <summary>A request waiting for its turn, with its own copy of the payload.</summary>
internal sealed class QueuedRequest(uint callId, ushort methodId, byte[] payload, Descriptors.ReceivedDescriptors? descriptors)
{
    public uint CallId { get; } = callId;

    public ushort MethodId { get; } = methodId;

    public byte[] Payload { get; } = payload;

    /// <summary>The descriptors that came with the request (owned by the queue until the call starts).</summary>
    public Descriptors.ReceivedDescriptors? Descriptors { get; } = descriptors;

    public QueuedRequest? Previous { get; set; }

    public QueuedRequest? Next { get; set; }
}
