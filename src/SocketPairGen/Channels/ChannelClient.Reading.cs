using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// Who reads replies. Reading is a role (the baton) that one thread holds at a time:
/// <list type="bullet">
/// <item>a synchronous caller takes it when it is free and reads until its own reply arrives, so a lone
/// synchronous call costs one wake-up, as a raw send/receive would;</item>
/// <item>the client's reader thread takes it while awaited calls are in flight, and parks when none are.</item>
/// </list>
/// A synchronous caller that finds the baton taken waits until its call is completed by the holder or the baton
/// is released (then it takes it). The reader thread never holds the baton for synchronous calls alone, so it
/// cannot settle between a synchronous caller and its replies.
/// </summary>
public sealed partial class ChannelClient
{
    private readonly Lock _readerStartLock = new();
    private readonly object _readerSignal = new();
    private readonly object _syncWait = new();
    private int _baton;
    private int _batonOwner;
    private int _syncWaiters;
    private bool _readerSignaled;
    private Thread? _readerThread;
    private int _readerThreadId;
    private bool _handshakeDone;

    /// <summary>Blocks until the synchronous <paramref name="call"/> completes, reading replies itself when it can.</summary>
    private void WaitForReply(PendingCall call)
    {
        int thread = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref _batonOwner) == thread)
        {
            // A continuation running on this thread, inside a dispatch, made a synchronous call: keep reading here.
            ReadUntilCompleted(call);
        }

        while (!call.IsCompleted)
        {
            if (TryTakeBaton(thread))
            {
                try
                {
                    ReadUntilCompleted(call);
                }
                finally
                {
                    ReleaseBaton();
                }
            }
            else
            {
                WaitForCompletionOrBaton(call);
            }
        }
    }

    private void ReadUntilCompleted(PendingCall call)
    {
        while (!call.IsCompleted && ReadOne())
        {
        }

        // The channel failed: the failure completes every call, possibly on another thread a moment later.
        while (!call.IsCompleted)
        {
            WaitForCompletionOrBaton(call);
        }
    }

    /// <summary>Sleeps until <paramref name="call"/> completes (someone else reads its reply).</summary>
    private void WaitForCompletion(PendingCall call)
    {
        Interlocked.Increment(ref _syncWaiters);
        try
        {
            lock (_syncWait)
            {
                while (!call.IsCompleted)
                {
                    Monitor.Wait(_syncWait);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _syncWaiters);
        }
    }

    /// <summary>Sleeps until <paramref name="call"/> completes or the baton is free.</summary>
    private void WaitForCompletionOrBaton(PendingCall call)
    {
        Interlocked.Increment(ref _syncWaiters);
        try
        {
            lock (_syncWait)
            {
                while (!call.IsCompleted && (Volatile.Read(ref _baton) != 0 || Volatile.Read(ref _terminalError) is not null))
                {
                    Monitor.Wait(_syncWait);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _syncWaiters);
        }
    }

    /// <summary>Publishes a call's outcome and wakes synchronous callers waiting for it.</summary>
    private void Complete(PendingCall call, bool inline)
    {
        call.Complete(inline);
        if (!call.IsAsync)
        {
            WakeSyncWaiters();
        }
    }

    private void WakeSyncWaiters()
    {
        if (Volatile.Read(ref _syncWaiters) > 0)
        {
            lock (_syncWait)
            {
                Monitor.PulseAll(_syncWait);
            }
        }
    }

    /// <summary>After an asynchronous call was sent: make sure somebody is reading.</summary>
    private void EnsureReader()
    {
        if (Volatile.Read(ref _baton) == 0)
        {
            StartOrSignalReaderThread();
        }
    }

    private bool TryTakeBaton(int thread)
    {
        if (Interlocked.CompareExchange(ref _baton, 1, 0) != 0)
        {
            return false;
        }

        Volatile.Write(ref _batonOwner, thread);
        return true;
    }

    private void ReleaseBaton()
    {
        Volatile.Write(ref _batonOwner, 0);
        Interlocked.Exchange(ref _baton, 0);

        // Awaited calls still in flight need the reader thread (which re-checks by itself); a synchronous caller
        // waiting for the baton may take it now.
        if (Volatile.Read(ref _pendingAsync) > 0 && Environment.CurrentManagedThreadId != _readerThreadId)
        {
            StartOrSignalReaderThread();
        }

        WakeSyncWaiters();
    }

    private void StartOrSignalReaderThread()
    {
        if (_readerThread is null)
        {
            lock (_readerStartLock)
            {
                if (_readerThread is null)
                {
                    var thread = new Thread(ReaderLoop) { IsBackground = true, Name = "SocketPairGen client reader" };
                    thread.Start();
                    _readerThread = thread;
                }
            }
        }

        WakeReaderThread();
    }

    private void WakeReaderThread()
    {
        lock (_readerSignal)
        {
            _readerSignaled = true;
            Monitor.Pulse(_readerSignal);
        }
    }

    private void ReaderLoop()
    {
        int thread = Environment.CurrentManagedThreadId;
        _readerThreadId = thread;
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

            while (Volatile.Read(ref _terminalError) is null && Volatile.Read(ref _pendingAsync) > 0 && TryTakeBaton(thread))
            {
                try
                {
                    while (Volatile.Read(ref _pendingAsync) > 0 && ReadOne())
                    {
                    }
                }
                finally
                {
                    ReleaseBaton();
                }
            }

            if (Volatile.Read(ref _terminalError) is not null)
            {
                return;
            }
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

    /// <summary>
    /// Reads one frame and completes the call it answers. Returns false once the channel has failed (this frame
    /// or an earlier event closed it). Must be called holding the baton.
    /// </summary>
    private bool ReadOne()
    {
        if (Volatile.Read(ref _terminalError) is not null)
        {
            return false;
        }

        try
        {
            if (!_reader.TryReadFrame(out FrameHeader header, out ReadOnlyMemory<byte> frame))
            {
                Fail(new ChannelClosedException("The peer closed the channel."));
                return false;
            }

            ReadOnlySpan<byte> payload = frame.Span;

            if (!_handshakeDone)
            {
                if (header.Kind != FrameKind.Hello)
                {
                    throw new ChannelProtocolException($"The server's first frame is a {header.Kind} frame, not the handshake.");
                }

                Hello.Validate(payload, _contract, Hello.ServerRole);
                _handshakeDone = true;
                return true;
            }

            switch (header.Kind)
            {
                case FrameKind.Response:
                    CompleteWithResult(header.CallId, payload);
                    break;
                case FrameKind.Error:
                    CompleteWithError(header.CallId, ErrorPayload.Decode(payload));
                    break;
                case FrameKind.Canceled:
                    CompleteWithError(header.CallId, new OperationCanceledException("The server cancelled the call."));
                    break;
                default:
                    throw new ChannelProtocolException($"Received a {header.Kind} frame, which a server never sends.");
            }

            return true;
        }
        catch (ChannelException ex)
        {
            Fail(ex);
            return false;
        }
    }

    private void CompleteWithResult(uint callId, ReadOnlySpan<byte> payload)
    {
        PendingCall? call = TakeForReply(callId);
        if (call is null)
        {
            return; // cancelled by the caller; the server's answer is no longer wanted
        }

        try
        {
            call.DecodeResult(payload);
        }
        catch (Exception ex)
        {
            // The call is out of the table, so the channel's failure will not reach it: end it here.
            var error = ex as ChannelProtocolException
                ?? new ChannelProtocolException($"The reply to call {callId:x8} could not be decoded: {ex.Message}", ex);
            call.SetError(error);
            Complete(call, inline: false);
            throw error;
        }

        Complete(call, InlineContinuations);
    }

    private void CompleteWithError(uint callId, Exception error)
    {
        PendingCall? call = TakeForReply(callId);
        if (call is not null)
        {
            call.SetError(error);
            Complete(call, InlineContinuations);
        }
    }

    /// <summary>Awaiting continuations run inline only on the reader thread, never on a synchronous caller's thread.</summary>
    private bool InlineContinuations => !_options.RunContinuationsAsynchronously && Environment.CurrentManagedThreadId == _readerThreadId;
}
