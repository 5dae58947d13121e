using System.Threading.Tasks.Sources;

namespace SocketPairGen.Channels;

/// <summary>
/// One call in flight on a <see cref="ChannelClient"/>: what the reader completes when the reply arrives.
/// Objects are pooled per result type, so a call allocates nothing once the pool is warm.
/// </summary>
/// <remarks>
/// Exactly one party completes a call: the one that removes it from the client's slot table (the reader on a
/// reply, the cancellation callback, or the channel's failure). An awaiting caller is completed through
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/>.
/// </remarks>
internal abstract class PendingCall
{
    private volatile bool _completed;

    /// <summary>The client the call was made on (for cancellation).</summary>
    public ChannelClient? Owner { get; set; }

    /// <summary>The id the reply will carry.</summary>
    public uint CallId { get; set; }

    /// <summary>True for a call awaited through a <see cref="ValueTask"/>.</summary>
    public bool IsAsync { get; protected set; }

    /// <summary>True when the client's reader thread reads this call's reply: every awaited call, and a
    /// synchronous call with a cancellable token (its caller waits, so that cancelling can end the wait at once).</summary>
    public bool UsesReaderThread { get; set; }

    public bool IsCompleted => _completed;

    /// <summary>Decodes the reply into the call (reader thread, before the buffer moves on). Throws
    /// <see cref="ChannelProtocolException"/> when the payload is malformed.</summary>
    public abstract void DecodeResult(ReadOnlySpan<byte> payload);

    /// <summary>Stores the error the call ends with.</summary>
    public abstract void SetError(Exception error);

    /// <summary>Publishes the outcome stored by <see cref="DecodeResult"/> or <see cref="SetError"/>.
    /// <paramref name="inline"/>: an awaiting continuation may run on this thread. A synchronous caller is woken
    /// by the client (<see cref="ChannelClient"/> waits for it on a monitor shared with the reading role).</summary>
    public void Complete(bool inline)
    {
        _completed = true;
        if (IsAsync)
        {
            CompleteAsync(inline);
        }
    }

    protected abstract void CompleteAsync(bool inline);

    protected void ResetState() => _completed = false;
}

/// <summary>A pending call whose reply decodes into <typeparamref name="TResult"/> with <typeparamref name="TDecoder"/>.</summary>
internal sealed class PendingCall<TResult, TDecoder> : PendingCall, IValueTaskSource<TResult>, IValueTaskSource
    where TDecoder : IFrameDecoder<TResult>
{
    private static readonly PendingCall<TResult, TDecoder>?[] Pool = new PendingCall<TResult, TDecoder>?[16];

    private ManualResetValueTaskSourceCore<TResult> _core;
    private TResult? _result;
    private Exception? _error;
    private CancellationTokenRegistration _cancellation;

    public static PendingCall<TResult, TDecoder> Rent(bool isAsync)
    {
        PendingCall<TResult, TDecoder>? call = null;
        for (int i = 0; i < Pool.Length && call is null; i++)
        {
            call = Interlocked.Exchange(ref Pool[i], null);
        }

        call ??= new PendingCall<TResult, TDecoder>();
        call.IsAsync = isAsync;
        call.UsesReaderThread = isAsync;
        return call;
    }

    public short Version => _core.Version;

    /// <summary>Ties the call to a token; the callback must not run before the call is registered.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var call = (PendingCall)state!;
                    call.Owner!.CancelCall(call, token);
                },
                this);
        }
    }

    /// <summary>Drops the token registration of a call that never went out.</summary>
    public void ReleaseCancellation() => _cancellation.Dispose();

    public override void DecodeResult(ReadOnlySpan<byte> payload) => _result = TDecoder.Decode(payload);

    public override void SetError(Exception error) => _error = error;

    /// <summary>The synchronous caller's result; returns the call to the pool.</summary>
    public TResult GetSyncResult()
    {
        Exception? error = _error;
        TResult result = _result!;
        Return();
        if (error is not null)
        {
            throw error;
        }

        return result;
    }

    protected override void CompleteAsync(bool inline)
    {
        _cancellation.Unregister();
        _core.RunContinuationsAsynchronously = !inline;
        if (_error is null)
        {
            _core.SetResult(_result!);
        }
        else
        {
            _core.SetException(_error);
        }
    }

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Return();
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Return();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Return()
    {
        _result = default;
        _error = null;

        // Dispose, not Unregister: it waits for a cancellation callback still running on another thread, so no
        // callback can touch this object once it is back in the pool and reused for another call.
        _cancellation.Dispose();
        _cancellation = default;
        Owner = null;
        _core.Reset();
        ResetState();
        for (int i = 0; i < Pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref Pool[i], this, null) is null)
            {
                return;
            }
        }
    }
}
