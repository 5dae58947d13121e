using System.Threading.Tasks.Sources;

namespace SocketPairGen.Channels;

/// <summary>
/// One call in flight on a <see cref="ChannelClient"/>: what the reader completes when the reply arrives.
/// Objects are pooled per result type, so a call allocates nothing once the pool is warm.
/// </summary>
/// <remarks>
/// Exactly one party completes a call: the one that removes it from the client's slot table (the reader on a
/// reply, the cancellation callback, or the channel's failure). An awaiting caller is completed through
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/>; a synchronous caller is woken by the client.
/// </remarks>
internal abstract class PendingCall
{
    private volatile bool _completed;

    /// <summary>The request's <see cref="SendGate"/>: the writer moves it to Sent before the first byte goes out, a
    /// cancellation that comes first moves it to Withdrawn (and the request is never sent). A field, so the writer
    /// can move it with one compare-and-swap.</summary>
    public int Gate;

    /// <summary>The client the call was made on (for cancellation).</summary>
    public ChannelClient? Owner { get; set; }

    /// <summary>The id the reply will carry.</summary>
    public uint CallId { get; set; }

    /// <summary>The called method; every reply to the call carries it too.</summary>
    public ushort MethodId { get; set; }

    /// <summary>Set for a call the flusher holds a reference to (a deferred request): once finished it is dropped, not
    /// pooled, so the flusher can never mistake a new use of the object for the call it queued.</summary>
    public bool KeepOutOfPool { get; set; }

    /// <summary>True for a call awaited through a <see cref="ValueTask"/>.</summary>
    public bool IsAsync { get; protected set; }

    /// <summary>True when the client's reader thread reads this call's reply: every awaited call, and a
    /// synchronous call with a cancellable token (its caller waits, so that cancelling can end the wait at once).</summary>
    public bool UsesReaderThread { get; set; }

    public bool IsCompleted => _completed;

    /// <summary>Decodes the reply into the call (before the receive buffer moves on). Throws when the payload is
    /// malformed (the decoders throw <see cref="ChannelProtocolException"/>).</summary>
    /// <param name="payload">The reply's payload.</param>
    /// <param name="descriptors">The descriptors that came with it, which the result owns once decoded.</param>
    public abstract void DecodeResult(ReadOnlySpan<byte> payload, Descriptors.ReceivedDescriptors? descriptors);

    /// <summary>Stores the error the call ends with.</summary>
    public abstract void SetError(Exception error);

    /// <summary>Ties the call to a token once it has an id; the callback may run at once if the token has fired.</summary>
    public abstract void RegisterCancellation(CancellationToken cancellationToken);

    /// <summary>Drops the token registration of a call that never went out, waiting for a callback still running.</summary>
    public abstract void ReleaseCancellation();

    /// <summary>
    /// Publishes the outcome stored by <see cref="DecodeResult"/> or <see cref="SetError"/>. For an awaited call,
    /// <paramref name="inline"/> lets its continuation run on this thread, now. A synchronous caller's completion
    /// is published by the client under its monitor (<see cref="MarkCompleted"/>), which also wakes the caller.
    /// </summary>
    public void CompleteAsync(bool inline)
    {
        _completed = true;
        PublishAsync(inline);
    }

    /// <summary>Marks a synchronous call completed. Called under the client's monitor, which the waiting caller
    /// checks the flag under, so the caller cannot miss it.</summary>
    public void MarkCompleted() => _completed = true;

    protected abstract void PublishAsync(bool inline);

    protected void ResetCompleted() => _completed = false;
}

/// <summary>A pending call whose reply decodes into <typeparamref name="TResult"/> with <typeparamref name="TDecoder"/>.</summary>
internal sealed class PendingCall<TResult, TDecoder> : PendingCall, IValueTaskSource<TResult>, IValueTaskSource
    where TDecoder : IFrameDecoder<TResult>
{
    /// <summary><see cref="_resultState"/> once the result of the current use has been taken.</summary>
    private const int ResultTaken = -1;

    private static readonly PendingCall<TResult, TDecoder>?[] Pool = new PendingCall<TResult, TDecoder>?[16];

    private ManualResetValueTaskSourceCore<TResult> _core;
    private TResult? _result;
    private Exception? _error;
    private CancellationTokenRegistration _cancellation;

    /// <summary>
    /// The version (token) of the current use while its result has not been taken, <see cref="ResultTaken"/> after.
    /// Taking the result is one compare-and-swap from the awaiter's token to <see cref="ResultTaken"/>: a second await,
    /// a stale <see cref="ValueTask"/> of an earlier use, or two threads reading one result race for it and all but
    /// one get an <see cref="InvalidOperationException"/>; only the winner returns the object to the pool.
    /// </summary>
    private int _resultState;

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
        call.Gate = SendGate.Open;
        call.KeepOutOfPool = false;
        return call;
    }

    public short Version => _core.Version;

    public override void RegisterCancellation(CancellationToken cancellationToken)
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

    public override void ReleaseCancellation() => _cancellation.Dispose();

    public override void DecodeResult(ReadOnlySpan<byte> payload, Descriptors.ReceivedDescriptors? descriptors)
    {
        if (descriptors is null)
        {
            _result = TDecoder.Decode(payload);
            return;
        }

        var reader = new WireReader(payload, descriptors);
        TResult result = TDecoder.Decode(ref reader);
        descriptors.EnsureAllTaken();
        descriptors.Commit();
        _result = result;
    }

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

    protected override void PublishAsync(bool inline)
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
        TakeResult(token);
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
        TakeResult(token);
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

    /// <summary>
    /// Claims the result of the use <paramref name="token"/> names, or throws <see cref="InvalidOperationException"/>
    /// and changes nothing: the call stays in flight, in the client's table and out of the pool.
    /// </summary>
    private void TakeResult(short token)
    {
        int expected = (ushort)token;
        if (Interlocked.CompareExchange(ref _resultState, ResultTaken, expected) != expected)
        {
            throw new InvalidOperationException(
                "The result of this channel call was already taken: a ValueTask returned by a SocketPairGen proxy may be awaited " +
                "(or its result read) only once. Use AsTask() to await it more than once.");
        }

        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            Volatile.Write(ref _resultState, expected);
            throw new InvalidOperationException(
                "The channel call has not completed yet: await its ValueTask (or use AsTask()) instead of reading its result " +
                "synchronously.");
        }
    }

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
        ResetCompleted();
        Volatile.Write(ref _resultState, (ushort)_core.Version);
        if (KeepOutOfPool)
        {
            return;
        }

        for (int i = 0; i < Pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref Pool[i], this, null) is null)
            {
                return;
            }
        }
    }
}
