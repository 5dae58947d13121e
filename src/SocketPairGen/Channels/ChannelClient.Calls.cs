namespace SocketPairGen.Channels;

/// <summary>The table of calls in flight: slots indexed by the low 16 bits of the call id.</summary>
public sealed partial class ChannelClient
{
    private const int MaxSlots = 1 << 16;

    /// <summary>Stands in a slot for a call the caller cancelled: the slot stays taken until the server's final
    /// frame for that id arrives, so a reply to an id never issued can be told apart and rejected.</summary>
    private static readonly PendingCall CanceledMarker = PendingCall<EmptyPayload, EmptyPayload>.Rent(isAsync: false);

    private readonly Lock _callsLock = new();
    private PendingCall?[] _slots = new PendingCall?[16];
    private uint[] _slotCallIds = new uint[16];
    private int[] _freeSlots = [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    private bool[] _slotUsesReader = new bool[16];
    private int _freeCount = 16;

    /// <summary>Calls in flight that the reader thread reads for (awaited ones, synchronous ones with a cancellable
    /// token, cancelled ones until their final frame): while there are any, the reader thread reads. Other
    /// synchronous callers read for themselves and are not counted.</summary>
    private int _pendingAsync;

    /// <summary>Why the channel closed; null while it is open. Set once, under <see cref="_callsLock"/>.</summary>
    private Exception? _terminalError;

    /// <summary>Gives the call a slot and an id. Throws <see cref="ChannelClosedException"/> when the channel is closed.</summary>
    private void Register(PendingCall call)
    {
        lock (_callsLock)
        {
            if (_terminalError is not null)
            {
                throw ClosedError(_terminalError);
            }

            if (_freeCount == 0)
            {
                GrowSlots();
            }

            int slot = _freeSlots[--_freeCount];

            // The high 16 bits count the slot's uses, so an id is not reused for 65,536 calls of that slot.
            uint callId = (uint)slot | ((_slotCallIds[slot] + 0x10000) & 0xFFFF0000);
            _slotCallIds[slot] = callId;
            _slots[slot] = call;
            _slotUsesReader[slot] = call.UsesReaderThread;
            call.CallId = callId;
            if (call.UsesReaderThread)
            {
                Interlocked.Increment(ref _pendingAsync);
            }
        }
    }

    /// <summary>Frees the slot of a call whose request never went out, whether it still holds the call or the
    /// cancelled marker (no final frame will come for it).</summary>
    private void Unregister(PendingCall call)
    {
        lock (_callsLock)
        {
            int slot = (int)(call.CallId & 0xFFFF);
            if (slot < _slots.Length && _slotCallIds[slot] == call.CallId
                && (ReferenceEquals(_slots[slot], call) || ReferenceEquals(_slots[slot], CanceledMarker)))
            {
                FreeSlot(slot);
            }
        }
    }

    /// <summary>
    /// Takes the call with <paramref name="callId"/> out of the table for its final frame. Returns null for a call
    /// the caller cancelled (its slot is freed, the frame is to be ignored). Throws
    /// <see cref="ChannelProtocolException"/> for an id that is not in flight.
    /// </summary>
    private PendingCall? TakeForReply(uint callId)
    {
        lock (_callsLock)
        {
            int slot = (int)(callId & 0xFFFF);
            PendingCall? call = slot < _slots.Length && _slotCallIds[slot] == callId ? _slots[slot] : null;
            if (call is null)
            {
                throw new ChannelProtocolException($"Received a reply for call id {callId:x8}, which is not in flight.");
            }

            FreeSlot(slot);
            return ReferenceEquals(call, CanceledMarker) ? null : call;
        }
    }

    /// <summary>Called by a token's callback: marks the slot cancelled, tells the server, ends the call at once.</summary>
    internal void CancelCall(PendingCall call, CancellationToken cancellationToken)
    {
        lock (_callsLock)
        {
            int slot = (int)(call.CallId & 0xFFFF);
            if (slot >= _slots.Length || !ReferenceEquals(_slots[slot], call) || _slotCallIds[slot] != call.CallId)
            {
                return; // the reply, or the channel's failure, got there first
            }

            _slots[slot] = CanceledMarker;
        }

        try
        {
            _writer.WriteEmpty(Wire.FrameKind.Cancel, call.CallId);
        }
        catch (ChannelException)
        {
            // The channel is going away; the call is cancelled locally all the same.
        }

        call.SetError(new OperationCanceledException(cancellationToken));
        Complete(call, inline: false);
    }

    /// <summary>
    /// Closes the channel for good with <paramref name="cause"/>: later calls fail with
    /// <see cref="ChannelClosedException"/>, every call in flight fails with <paramref name="cause"/>'s kind, and the
    /// socket is shut down so that a thread blocked reading it wakes up.
    /// </summary>
    private void Fail(Exception cause)
    {
        List<PendingCall> failed = [];
        lock (_callsLock)
        {
            if (_terminalError is not null)
            {
                return;
            }

            _terminalError = cause;
            for (int slot = 0; slot < _slots.Length; slot++)
            {
                PendingCall? call = _slots[slot];
                if (call is not null)
                {
                    if (!ReferenceEquals(call, CanceledMarker))
                    {
                        failed.Add(call);
                    }

                    FreeSlot(slot);
                }
            }
        }

        try
        {
            _socket.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Already shut down or disposed: nothing left to wake.
        }

        foreach (PendingCall call in failed)
        {
            call.SetError(CopyOf(cause));
            Complete(call, inline: false);
        }

        WakeReaderThread();
    }

    private void FreeSlot(int slot)
    {
        _slots[slot] = null;
        _freeSlots[_freeCount++] = slot;
        if (_slotUsesReader[slot])
        {
            Interlocked.Decrement(ref _pendingAsync);
        }
    }

    private void GrowSlots()
    {
        int oldLength = _slots.Length;
        if (oldLength == MaxSlots)
        {
            throw new InvalidOperationException($"More than {MaxSlots} calls are in flight on one channel.");
        }

        int newLength = oldLength * 2;
        Array.Resize(ref _slots, newLength);
        Array.Resize(ref _slotCallIds, newLength);
        Array.Resize(ref _slotUsesReader, newLength);
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
