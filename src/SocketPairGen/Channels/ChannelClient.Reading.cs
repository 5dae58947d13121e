using SocketPairGen.Channels.Descriptors;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The receive side: who reads the socket, and how every waiting thread learns what it waits for. One reply goes from
/// the socket to its caller in this file, top to bottom: a thread holding the reading role calls
/// <see cref="ReadOne"/>, which takes the call out of the table (<see cref="TakeForReply"/>), stores its result or
/// error, and <see cref="Finish"/>es it: an awaited call's continuation runs (inline on the reader thread, or on the
/// thread pool), a synchronous caller is woken under the monitor it waits on.
/// </summary>
/// <remarks>
/// <para><b>The reading role.</b> One thread at a time reads the socket (<see cref="_readingThread"/>): a synchronous
/// caller waiting for its own reply (no thread hop: a lone synchronous call costs what a raw send/receive costs), the
/// client's reader thread while anything else waits for a frame (awaited calls, synchronous calls with a token,
/// cancelled calls until their final frame, threads waiting for the handshake or for room in the server's window),
/// or a sender whose socket is full (the server may be blocked writing replies that nobody would read otherwise).
/// The holder runs no user code while it holds the role: it reads one frame, releases the role, and only then may
/// run an awaited call's continuation inline. So user code on any thread can always make calls of its own.</para>
/// <para><b>Waiting.</b> Every wait is a loop under the monitor <see cref="_sync"/> that checks its condition, the
/// channel's failure and its token, and then either takes the free reading role or sleeps in
/// <see cref="Monitor.Wait(object)"/>. Whatever can satisfy a waiter (a call completed, a slot freed, the handshake,
/// the role released, the failure) is changed under the same monitor and pulses it: a waiter cannot miss it.</para>
/// </remarks>
public sealed partial class ChannelClient
{
    // ---- Coordination state: guarded by _sync, a monitor so that waiters can sleep on it. ----
    private readonly object _sync = new();

    /// <summary>The managed id of the thread that holds the reading role, or 0 when nobody reads.</summary>
    private int _readingThread;

    /// <summary>Threads asleep in <see cref="Monitor.Wait(object)"/> on <see cref="_sync"/>; pulses are skipped when none are.</summary>
    private int _waiters;

    /// <summary>How many things need the reader thread to read: calls whose reply it reads (awaited ones, synchronous
    /// ones with a token), cancelled calls awaiting their final frame, and threads that wait without reading.</summary>
    private int _readerDemand;

    /// <summary>The server's handshake: its limits; null until read. Written once, by the role holder, under the monitor.</summary>
    private HelloInfo? _server;

    /// <summary>Set (after <see cref="_server"/>) once the handshake is read: lets a call skip the monitor.</summary>
    private volatile bool _handshakeDone;

    // ---- The reader thread: started on first need, parked on _readerSignal while nothing needs it. ----
    private readonly object _readerSignal = new();
    private bool _readerSignaled;
    private Thread? _readerThread;
    private volatile int _readerThreadId;

    /// <summary>Something a thread waits for; checked under <see cref="_sync"/>.</summary>
    private interface IWaitCondition
    {
        /// <summary>True once the wait is over. May act (claim a slot) when it returns true.</summary>
        bool IsMet(ChannelClient client);

        /// <summary>Whether a frame from the server can bring the wait closer to its end. A waiter must not block in
        /// <c>recv</c> for a condition that only another thread's work can meet (a queue the flusher drains).</summary>
        /// <remarks>Implemented by every condition: a default body would box the struct on each call.</remarks>
        bool AwaitsFrames(ChannelClient client);
    }

    /// <summary>Waits for the server's handshake and returns its limits; throws if the channel fails first.</summary>
    private HelloInfo WaitForHandshake(CancellationToken cancellationToken)
    {
        if (!_handshakeDone)
        {
            WaitUntil(new HandshakeRead(), ReadsHere(cancellationToken), cancellationToken);
        }

        return _server!.Value;
    }

    /// <summary>Waits until the server's window has room for the request, then gives the call a slot and an id.</summary>
    private void WaitForRoomAndRegister(PendingCall call, int payloadLength, CancellationToken cancellationToken) =>
        WaitUntil(new RoomRegistered(call, payloadLength), ReadsHere(cancellationToken), cancellationToken);

    /// <summary>A synchronous call without a token: waits for its reply, reading the socket itself whenever nobody else does.</summary>
    private void WaitForReply(PendingCall call) =>
        WaitUntil(new CallCompleted(call), readsHere: true, default);

    /// <summary>A synchronous call with a token: the reader thread reads its reply, so the token's callback can end
    /// the wait at once. (A call made on the reader thread itself reads for itself: nobody else would.)</summary>
    private void WaitForCompletion(PendingCall call) =>
        WaitUntil(new CallCompleted(call), readsHere: Environment.CurrentManagedThreadId == _readerThreadId, default);

    /// <summary>A waiter reads for itself unless it has a token to honour: a thread blocked in <c>recv</c> could not
    /// notice its token. The reader thread always reads for itself.</summary>
    private bool ReadsHere(CancellationToken cancellationToken) =>
        !cancellationToken.CanBeCanceled || Environment.CurrentManagedThreadId == _readerThreadId;

    /// <summary>
    /// Waits until <paramref name="condition"/> is met. With <paramref name="readsHere"/>, the thread takes the reading
    /// role whenever it is free and reads a frame; otherwise it sleeps and the reader thread reads. A token, if given,
    /// ends the wait with <see cref="OperationCanceledException"/>; the channel's failure ends it with its error.
    /// </summary>
    private void WaitUntil<TCondition>(TCondition condition, bool readsHere, CancellationToken cancellationToken)
        where TCondition : struct, IWaitCondition
    {
        int thread = Environment.CurrentManagedThreadId;
        bool waited = false;
        bool demanding = false;
        CancellationTokenRegistration registration = default;
        try
        {
            while (true)
            {
                lock (_sync)
                {
                    while (true)
                    {
                        if (condition.IsMet(this))
                        {
                            return;
                        }

                        if (_terminalError is not null)
                        {
                            // A wait the failure interrupted learns its cause (a contract mismatch found while the
                            // first call waited for the handshake); a call that starts after it learns the channel is closed.
                            throw waited && _terminalError is ChannelProtocolException ? CopyOf(_terminalError) : ClosedError(_terminalError);
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        if (readsHere && _readingThread == 0 && condition.AwaitsFrames(this))
                        {
                            _readingThread = thread;
                            break;
                        }

                        if (!readsHere && !demanding)
                        {
                            demanding = true;
                            _readerDemand++;
                            registration = cancellationToken.UnsafeRegister(static client => ((ChannelClient)client!).PulseUnderMonitor(), this);
                            WakeReaderThread();
                            continue; // the registration may have run already
                        }

                        _waiters++;
                        try
                        {
                            Monitor.Wait(_sync);
                        }
                        finally
                        {
                            _waiters--;
                        }

                        waited = true;
                    }
                }

                ReadAndRelease();
                waited = true;
            }
        }
        finally
        {
            if (demanding)
            {
                registration.Dispose();
                lock (_sync)
                {
                    _readerDemand--;
                }
            }
        }
    }

    /// <summary>The writer's callback while a send waits for room: read one frame if nobody else is reading.</summary>
    private bool TryReadWhileSendBlocked()
    {
        lock (_sync)
        {
            if (_readingThread != 0 || _terminalError is not null)
            {
                return false;
            }

            _readingThread = Environment.CurrentManagedThreadId;
        }

        // The bytes that woke the sender may have been read by the previous holder meanwhile. Blocking in recv here
        // would hold the send lock while waiting for a frame the server only sends after our request: don't.
        if (!_reader.HasBufferedBytes && !SocketReadable())
        {
            ReleaseReading();
            return false;
        }

        ReadAndRelease();
        return true;
    }

    /// <summary>Whether a read would not block: bytes, the end of the stream or an error are waiting.</summary>
    private bool SocketReadable()
    {
        try
        {
            return _socket.Poll(0, System.Net.Sockets.SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            return true; // let the read report it
        }
    }

    /// <summary>Holding the reading role: reads one frame (completing calls without running continuations here),
    /// then releases the role.</summary>
    private void ReadAndRelease()
    {
        try
        {
            ReadOne(mayRunInline: false, out _);
        }
        finally
        {
            ReleaseReading();
        }
    }

    /// <summary>Gives up the reading role: a waiter may take it, and the reader thread must if anything needs it.</summary>
    private void ReleaseReading()
    {
        bool wakeReader;
        lock (_sync)
        {
            _readingThread = 0;
            PulseWaiters();
            wakeReader = _readerDemand > 0 && Environment.CurrentManagedThreadId != _readerThreadId;
        }

        if (wakeReader)
        {
            WakeReaderThread();
        }
    }

    /// <summary>
    /// Reads one frame and completes the call it answers. Returns false once the channel has failed (this frame
    /// or an earlier event closed it). Must be called holding the reading role. With <paramref name="mayRunInline"/>,
    /// an awaited call whose continuation may run inline is handed back in <paramref name="inlineCall"/> instead of
    /// being completed, for the caller to complete once it has released the role.
    /// </summary>
    private bool ReadOne(bool mayRunInline, out PendingCall? inlineCall)
    {
        inlineCall = null;
        ReceivedDescriptors? descriptors = null;
        try
        {
            if (!_reader.TryReadFrame(out FrameHeader header, out ReadOnlyMemory<byte> frame))
            {
                Fail(new ChannelClosedException("The peer closed the channel."));
                return false;
            }

            descriptors = _reader.TakeDescriptors() is { } received ? new ReceivedDescriptors(received) : null;

            ReadOnlySpan<byte> payload = frame.Span;
            if (!_handshakeDone)
            {
                ReadHandshake(header, payload);
                return true;
            }

            PendingCall? call;
            switch (header.Kind)
            {
                case FrameKind.Response:
                    if (header.Descriptors > _contract.ReplyDescriptors(header.MethodId))
                    {
                        throw new ChannelProtocolException(
                            $"Received a reply with {header.Descriptors} descriptor(s) for method id {header.MethodId}, whose result holds at most " +
                            $"{_contract.ReplyDescriptors(header.MethodId)}. They were closed.");
                    }

                    lock (_sync)
                    {
                        call = TakeForReply(header);
                    }

                    if (call is null)
                    {
                        return true; // cancelled by the caller; the server's answer (and its descriptors) is no longer wanted
                    }

                    DecodeResult(call, header, payload, descriptors);
                    break;
                case FrameKind.Error:
                    ChannelRemoteException remote = ErrorPayload.Decode(payload);
                    lock (_sync)
                    {
                        call = TakeForReply(header);
                    }

                    call?.SetError(remote);
                    break;
                case FrameKind.Canceled:
                    if (!payload.IsEmpty)
                    {
                        throw new ChannelProtocolException($"Received a Canceled frame with a payload of {payload.Length} bytes.");
                    }

                    lock (_sync)
                    {
                        call = TakeForReply(header);
                    }

                    call?.SetError(new OperationCanceledException("The server cancelled the call."));
                    break;
                case FrameKind.Hello:
                    throw new ChannelProtocolException("Received a second handshake from the server.");
                default:
                    throw new ChannelProtocolException($"Received a {header.Kind} frame, which a server never sends.");
            }

            if (call is not null)
            {
                Finish(call, mayRunInline, ref inlineCall);
            }

            return true;
        }
        catch (Exception ex)
        {
            Fail(ex is ChannelException ? ex : new ChannelClosedException($"The channel failed while reading a frame: {ex.Message}", ex));
            return false;
        }
        finally
        {
            // A result that was decoded owns its descriptors; any other frame's (refused, or for a call nobody waits for) are closed.
            descriptors?.CloseAll();
        }
    }

    /// <summary>The first frame must be the server's handshake, for our contract; it tells the server's limits.</summary>
    private void ReadHandshake(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.Kind != FrameKind.Hello)
        {
            throw new ChannelProtocolException($"The server's first frame is a {header.Kind} frame, not the handshake.");
        }

        HelloInfo server = Hello.Validate(payload, _contract, Hello.ServerRole);
        lock (_sync)
        {
            _server = server;
            _handshakeDone = true;
            PulseWaiters();
            if (_deferred.Count > 0)
            {
                ScheduleFlush(); // awaited calls made before the handshake can go out now
            }
        }
    }

    /// <summary>Decodes a Response into its call. A payload the call's decoder rejects ends that call with the
    /// protocol error (it is out of the table, so the channel's failure would not reach it) and fails the channel.</summary>
    private void DecodeResult(PendingCall call, in FrameHeader header, ReadOnlySpan<byte> payload, ReceivedDescriptors? descriptors)
    {
        try
        {
            call.DecodeResult(payload, descriptors);
        }
        catch (Exception ex)
        {
            var error = ex as ChannelProtocolException
                ?? new ChannelProtocolException($"The reply to call {header.CallId:x8} could not be decoded: {ex.Message}", ex);
            call.SetError(new ChannelProtocolException(error.Message, error.InnerException));
            PendingCall? none = null;
            Finish(call, mayRunInline: false, ref none);
            throw error;
        }
    }

    /// <summary>Publishes the outcome stored in <paramref name="call"/>: an awaited call is completed (or handed back
    /// to run inline), a synchronous caller is woken.</summary>
    private void Finish(PendingCall call, bool mayRunInline, ref PendingCall? inlineCall)
    {
        if (call.IsAsync)
        {
            if (mayRunInline)
            {
                inlineCall = call;
            }
            else
            {
                call.CompleteAsync(inline: false);
            }

            return;
        }

        lock (_sync)
        {
            call.MarkCompleted();
            PulseWaiters();
        }
    }

    /// <summary>Wakes every thread asleep on <see cref="_sync"/>. Called under it.</summary>
    private void PulseWaiters()
    {
        if (_waiters > 0)
        {
            Monitor.PulseAll(_sync);
        }
    }

    private void PulseUnderMonitor()
    {
        lock (_sync)
        {
            PulseWaiters();
        }
    }

    /// <summary>After an awaited call was sent: make sure somebody reads. A thread that holds the role now re-checks
    /// <see cref="_readerDemand"/> (or wakes the reader thread) when it releases it.</summary>
    private void WakeReaderThreadIfIdle()
    {
        if (Volatile.Read(ref _readingThread) == 0)
        {
            WakeReaderThread();
        }
    }

    /// <summary>Starts the reader thread on first need, and wakes it to look for work.</summary>
    private void WakeReaderThread()
    {
        if (_readerThread is null)
        {
            lock (_readerSignal)
            {
                if (_readerThread is null && Volatile.Read(ref _terminalError) is null)
                {
                    var thread = new Thread(ReaderLoop) { IsBackground = true, Name = "SocketPairGen client reader" };
                    _readerThreadId = thread.ManagedThreadId;
                    thread.Start();
                    _readerThread = thread;
                }
            }
        }

        lock (_readerSignal)
        {
            _readerSignaled = true;
            Monitor.Pulse(_readerSignal);
        }
    }

    /// <summary>
    /// The reader thread: while anything needs reading and nobody else reads, it takes the role, reads one frame,
    /// releases the role, and runs the answered call's continuation inline (unless
    /// <see cref="ChannelOptions.RunContinuationsAsynchronously"/>). Nothing that happens here can escape the thread:
    /// any exception ends the channel with a failure its callers see.
    /// </summary>
    private void ReaderLoop()
    {
        int thread = Environment.CurrentManagedThreadId;
        bool mayRunInline = !_options.RunContinuationsAsynchronously;
        try
        {
            while (true)
            {
                lock (_readerSignal)
                {
                    while (!_readerSignaled)
                    {
                        Monitor.Wait(_readerSignal);
                    }

                    _readerSignaled = false;
                }

                while (true)
                {
                    lock (_sync)
                    {
                        if (_terminalError is not null)
                        {
                            return;
                        }

                        if (_readerDemand == 0 || _readingThread != 0)
                        {
                            break; // nothing to read for, or the holder reads for everyone and wakes us when it stops
                        }

                        _readingThread = thread;
                    }

                    PendingCall? inlineCall;
                    try
                    {
                        ReadOne(mayRunInline, out inlineCall);
                    }
                    finally
                    {
                        ReleaseReading();
                    }

                    // The role is free again: the continuation may make calls of its own, synchronous ones included.
                    inlineCall?.CompleteAsync(inline: true);
                }
            }
        }
        catch (Exception ex)
        {
            Fail(new ChannelClosedException($"An exception escaped on the channel's reader thread (from a continuation of an awaited call?): {ex.Message}", ex));
        }
    }

    private void StopReaderThread()
    {
        Thread? thread = _readerThread;
        if (thread is not null && thread.ManagedThreadId != Environment.CurrentManagedThreadId)
        {
            WakeReaderThread();
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>The handshake has been read.</summary>
    private readonly struct HandshakeRead : IWaitCondition
    {
        public bool IsMet(ChannelClient client) => client._handshakeDone;

        public bool AwaitsFrames(ChannelClient client) => true;
    }

    /// <summary>The call has been answered, cancelled or failed.</summary>
    private readonly struct CallCompleted(PendingCall call) : IWaitCondition
    {
        public bool IsMet(ChannelClient client) => call.IsCompleted;

        public bool AwaitsFrames(ChannelClient client) => true;
    }

    /// <summary>No deferred request is still queued ahead, the server's window had room, and the call got a slot.</summary>
    private readonly struct RoomRegistered(PendingCall call, int payloadLength) : IWaitCondition
    {
        public bool IsMet(ChannelClient client)
        {
            if (client._deferred.Count > 0 || !client.TryTakeRoom(payloadLength, call.MethodId))
            {
                return false;
            }

            client.AssignSlot(call, payloadLength, counted: true);
            return true;
        }

        /// <summary>While deferred requests are queued, the flusher (not a frame) ends this wait.</summary>
        public bool AwaitsFrames(ChannelClient client) => client._deferred.Count == 0;
    }

    /// <summary>The deferred request at the head of the queue now counts against the window (or was withdrawn).</summary>
    private readonly struct DeferredRoomTaken(PendingCall call, int payloadLength) : IWaitCondition
    {
        public bool IsMet(ChannelClient client)
        {
            if (!client.HoldsSlot(call))
            {
                return true; // withdrawn (or failed) meanwhile: nothing to count
            }

            if (!client.TryTakeRoom(payloadLength, call.MethodId))
            {
                return false;
            }

            client.CountSlot(call, payloadLength);
            return true;
        }

        public bool AwaitsFrames(ChannelClient client) => true;
    }
}
