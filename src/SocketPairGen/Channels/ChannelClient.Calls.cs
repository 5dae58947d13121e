using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The table of calls in flight and the server's request window. Every field here is guarded by <see cref="_sync"/>
/// (declared with the rest of the coordination state in <c>ChannelClient.Reading.cs</c>).
/// </summary>
/// <remarks>
/// Invariants, under the monitor:
/// <list type="bullet">
/// <item>a slot holds a live call, <see cref="CanceledMarker"/> (a call the caller cancelled after its request went
/// out: the slot waits for the server's final frame), or null (free, and listed in <see cref="_freeSlots"/>);</item>
/// <item><see cref="_unansweredCount"/> and <see cref="_unansweredBytes"/> sum the slots that are not free and counted:
/// a request counts from the moment it has room (just before it is written) until its final frame arrives (or it is
/// withdrawn before any byte went out), so the server never holds more than its announced window;</item>
/// <item><see cref="_abandoned"/> counts the <see cref="CanceledMarker"/> slots;</item>
/// <item>once <see cref="_terminalError"/> is set every slot is free and stays free.</item>
/// </list>
/// </remarks>
public sealed partial class ChannelClient
{
    private const int MaxSlots = 1 << 16;
    private const int NotCounted = -1;

    /// <summary>Stands in a slot for a call the caller cancelled after its request went out: the slot stays taken
    /// until the server's final frame for that id arrives, so a reply to an id never issued can be told apart and
    /// rejected, and the request keeps counting against the server's window until the server is done with it.</summary>
    private static readonly PendingCall CanceledMarker = PendingCall<EmptyPayload, EmptyPayload>.Rent(isAsync: false);

    private PendingCall?[] _slots = new PendingCall?[16];
    private uint[] _slotCallIds = new uint[16];
    private ushort[] _slotMethodIds = new ushort[16];
    /// <summary>Each slot's request size as counted against the window, or <see cref="NotCounted"/> (a deferred request not sent yet).</summary>
    private int[] _slotBytes = new int[16];
    private int[] _freeSlots = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    private int _freeCount = 16;

    private int _unansweredCount;
    private long _unansweredBytes;

    /// <summary>What the counted requests may carry in descriptors, each at its method's declared most (the window's
    /// third measure, <see cref="FrameHeader.MaxUnansweredDescriptors"/>, which the server counts the same way).</summary>
    private int _unansweredDescriptors;
    private int _abandoned;

    /// <summary>Why the channel closed; null while it is open. Set once.</summary>
    private Exception? _terminalError;

    /// <summary>
    /// Counts a request of <paramref name="payloadLength"/> bytes against the server's window if it has room; returns
    /// false when it has none yet. Throws <see cref="ChannelClosedException"/> when the channel is closed, and
    /// <see cref="ChannelProtocolException"/> when the window is full of calls this client cancelled and the server
    /// never answered (no call could ever be sent). Called under <see cref="_sync"/>, after the handshake.
    /// </summary>
    private bool TryTakeRoom(int payloadLength, ushort methodId)
    {
        int descriptors = _contract.RequestDescriptors(methodId);
        if (_terminalError is not null)
        {
            throw ClosedError(_terminalError);
        }

        HelloInfo server = _server!.Value;
        int windowCount = Math.Min(server.RequestWindowCount, MaxSlots);
        bool room = _unansweredCount == 0
            || (_unansweredCount < windowCount && _unansweredBytes + payloadLength <= server.RequestWindowBytes
                && _unansweredDescriptors + descriptors <= FrameHeader.MaxUnansweredDescriptors);
        if (!room)
        {
            // Only when nothing is waiting to be read: an answer already on its way frees room in a moment.
            if (_abandoned == _unansweredCount && !SocketReadable())
            {
                throw new ChannelProtocolException(
                    $"The server has not answered {_abandoned} calls this client cancelled, which fill its request window of " +
                    $"{server.RequestWindowCount} requests and {server.RequestWindowBytes} bytes: no call can be sent until it answers them " +
                    "(a server answers a cancelled call once its method returns; one that ignores its cancellation token holds the window).");
            }

            return false;
        }

        _unansweredCount++;
        _unansweredBytes += payloadLength;
        _unansweredDescriptors += descriptors;
        return true;
    }

    /// <summary>
    /// The send path's question (asked under the send lock): can the server have nothing to write while a frame carrying
    /// <paramref name="requests"/> requests goes out? It writes only final frames for requests it received, and a
    /// request counts as unanswered from before it is written until its final frame is read; no other request can be
    /// written (and answered) while the send lock is held. A stale read can only see more unanswered requests than
    /// there are (a count that grew meanwhile belongs to a request still waiting for the send lock).
    /// </summary>
    private bool NoOtherRequestUnanswered(int requests) => Volatile.Read(ref _unansweredCount) <= requests;

    /// <summary>
    /// Gives <paramref name="call"/> a slot and an id. <paramref name="counted"/>: its request already counts against
    /// the window (<see cref="TryTakeRoom"/>); a deferred request counts once the flusher takes room for it
    /// (<see cref="CountSlot"/>). Called under <see cref="_sync"/>.
    /// </summary>
    private void AssignSlot(PendingCall call, int payloadLength, bool counted)
    {
        if (_freeCount == 0)
        {
            GrowSlots();
        }

        int slot = _freeSlots[--_freeCount];

        // The high 16 bits count the slot's uses, so an id is not reused for 65,536 calls of that slot.
        uint callId = (uint)slot | ((_slotCallIds[slot] + 0x10000) & 0xFFFF0000);
        _slotCallIds[slot] = callId;
        _slotMethodIds[slot] = call.MethodId;
        _slotBytes[slot] = counted ? payloadLength : NotCounted;
        _slots[slot] = call;
        call.CallId = callId;
        if (call.UsesReaderThread)
        {
            _readerDemand++;
        }
    }

    /// <summary>Whether <paramref name="call"/> still holds its slot (it was neither answered, withdrawn nor failed).</summary>
    private bool HoldsSlot(PendingCall call)
    {
        int slot = (int)(call.CallId & 0xFFFF);
        return slot < _slots.Length && _slotCallIds[slot] == call.CallId && ReferenceEquals(_slots[slot], call);
    }

    /// <summary>A deferred request's room was taken: its slot now counts against the window.</summary>
    private void CountSlot(PendingCall call, int payloadLength) => _slotBytes[(int)(call.CallId & 0xFFFF)] = payloadLength;

    /// <summary>Frees the slot of a call whose request never went out, unless a cancellation or the channel's
    /// failure freed it already (the id then no longer matches, or the slot holds another call).</summary>
    private void Unregister(PendingCall call)
    {
        lock (_sync)
        {
            if (HoldsSlot(call))
            {
                FreeSlot((int)(call.CallId & 0xFFFF));
            }
        }
    }

    /// <summary>
    /// Takes the call a final frame (Response, Error, Canceled) answers out of the table. Returns null for a call the
    /// caller cancelled (the frame is to be ignored). Throws <see cref="ChannelProtocolException"/> for an id that is
    /// not in flight or a method id that is not the call's. Called under <see cref="_sync"/>.
    /// </summary>
    private PendingCall? TakeForReply(in FrameHeader header)
    {
        int slot = (int)(header.CallId & 0xFFFF);
        PendingCall? call = slot < _slots.Length && _slotCallIds[slot] == header.CallId ? _slots[slot] : null;
        if (call is null)
        {
            throw new ChannelProtocolException($"Received a {header.Kind} frame for call id {header.CallId:x8}, which is not in flight.");
        }

        if (_slotMethodIds[slot] != header.MethodId)
        {
            throw new ChannelProtocolException(
                $"Received a {header.Kind} frame for call id {header.CallId:x8} naming method {header.MethodId}; the call is to method {_slotMethodIds[slot]}.");
        }

        FreeSlot(slot);
        return ReferenceEquals(call, CanceledMarker) ? null : call;
    }

    /// <summary>
    /// The token's callback: ends the call at once with <see cref="OperationCanceledException"/>. If its request has
    /// not started going out it never will (the slot is freed); if it has, the server is told with a Cancel frame,
    /// sent later by another thread (a full socket must not block the thread that cancels), and the slot waits for
    /// the server's final frame.
    /// </summary>
    internal void CancelCall(PendingCall call, CancellationToken cancellationToken)
    {
        bool tellServer;
        lock (_sync)
        {
            if (!HoldsSlot(call))
            {
                return; // the reply, or the channel's failure, got there first
            }

            int slot = (int)(call.CallId & 0xFFFF);
            tellServer = Interlocked.CompareExchange(ref call.Gate, SendGate.Withdrawn, SendGate.Open) != SendGate.Open;
            if (tellServer)
            {
                QueueCancelFrame(call.CallId);
                _slots[slot] = CanceledMarker;
                _abandoned++;
                if (!call.UsesReaderThread)
                {
                    _readerDemand++; // the marker's final frame must still be read
                }
            }
            else
            {
                FreeSlot(slot);
            }

            call.SetError(new OperationCanceledException(cancellationToken));
            if (!call.IsAsync)
            {
                call.MarkCompleted();
                PulseWaiters();
            }
        }

        if (tellServer)
        {
            WakeReaderThread();
        }

        if (call.IsAsync)
        {
            call.CompleteAsync(inline: false);
        }
    }

    /// <summary>
    /// Closes the channel for good with <paramref name="cause"/>: later calls fail with
    /// <see cref="ChannelClosedException"/>, every call in flight fails with <paramref name="cause"/>'s kind, and the
    /// socket is shut down so that a thread blocked reading or writing it wakes up.
    /// </summary>
    private void Fail(Exception cause)
    {
        List<PendingCall>? awaited = null;
        lock (_sync)
        {
            if (_terminalError is not null)
            {
                return;
            }

            _terminalError = cause;
            for (int slot = 0; slot < _slots.Length; slot++)
            {
                PendingCall? call = _slots[slot];
                if (call is null)
                {
                    continue;
                }

                FreeSlot(slot);
                if (ReferenceEquals(call, CanceledMarker))
                {
                    continue;
                }

                call.SetError(CopyOf(cause));
                if (call.IsAsync)
                {
                    (awaited ??= []).Add(call);
                }
                else
                {
                    call.MarkCompleted();
                }
            }

            PulseWaiters();
        }

        try
        {
            _socket.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Already shut down or disposed: nothing left to wake.
        }

        _reader.CloseHeldDescriptors();

        // Outside the monitor: completing may post continuations to a synchronization context.
        foreach (PendingCall call in awaited ?? [])
        {
            call.CompleteAsync(inline: false);
        }

        WakeReaderThread();
    }

    /// <summary>Frees a slot and its share of the window. Called under <see cref="_sync"/>.</summary>
    private void FreeSlot(int slot)
    {
        PendingCall? call = _slots[slot];
        if (ReferenceEquals(call, CanceledMarker))
        {
            _abandoned--;
            _readerDemand--;
        }
        else if (call!.UsesReaderThread)
        {
            _readerDemand--;
        }

        _slots[slot] = null;
        _freeSlots[_freeCount++] = slot;
        if (_slotBytes[slot] != NotCounted)
        {
            _unansweredCount--;
            _unansweredBytes -= _slotBytes[slot];
            _unansweredDescriptors -= _contract.RequestDescriptors(_slotMethodIds[slot]);
        }

        PulseWaiters();
    }

    private void GrowSlots()
    {
        int oldLength = _slots.Length;
        if (oldLength == MaxSlots)
        {
            // Only reachable before the handshake (the window keeps later calls within MaxSlots).
            throw new InvalidOperationException($"More than {MaxSlots} calls are waiting for the server's handshake on one channel.");
        }

        int newLength = oldLength * 2;
        Array.Resize(ref _slots, newLength);
        Array.Resize(ref _slotCallIds, newLength);
        Array.Resize(ref _slotMethodIds, newLength);
        Array.Resize(ref _slotBytes, newLength);
        Array.Resize(ref _freeSlots, newLength);
        for (int slot = newLength - 1; slot >= oldLength; slot--)
        {
            _freeSlots[_freeCount++] = slot;
        }
    }

    /// <summary>The exception a call that starts after the channel closed gets.</summary>
    private static ChannelClosedException ClosedError(Exception cause) =>
        cause is ChannelClosedException closed && closed.InnerException is null
            ? new ChannelClosedException(closed.Message)
            : new ChannelClosedException($"The channel is closed: {cause.Message}", cause);

    /// <summary>A fresh exception per failed call, so concurrent awaiters do not share (and rewrite) one stack trace.</summary>
    private static Exception CopyOf(Exception cause) => cause switch
    {
        ChannelProtocolException protocol => new ChannelProtocolException(protocol.Message, protocol.InnerException),
        ChannelClosedException closed => new ChannelClosedException(closed.Message, closed.InnerException),
        _ => new ChannelClosedException($"The channel is closed: {cause.Message}", cause),
    };
}
