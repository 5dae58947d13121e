using System.Collections.Concurrent;
using System.Diagnostics;

namespace SocketPairGen.TestContracts;

/// <summary>
/// The server side of <see cref="IStress"/>. It checks what it receives (a request whose payload is not its call's
/// pattern, or a call number it already ran, comes back as an error naming the call) and, when asked to keep a
/// journal, records which calls started and whose token fired, for tests that serve it in their own process.
/// </summary>
public sealed class StressService : IStress
{
    private readonly ConcurrentDictionary<long, byte> _ran = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _releases = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _started = new();
    private readonly ConcurrentDictionary<long, long> _tokensFired = new();
    private readonly ConcurrentDictionary<long, byte> _waitsTimedOut = new();
    private readonly bool _keepJournal;

    /// <summary>Creates the implementation.</summary>
    /// <param name="keepJournal">Record started calls and fired tokens (<see cref="WhenStarted"/>,
    /// <see cref="TokenFiredAt"/>); off in a child process, where nobody reads it.</param>
    public StressService(bool keepJournal = false) => _keepJournal = keepJournal;

    /// <summary>The call numbers whose wait (<see cref="StressAction.Delay"/>, <see cref="StressAction.WaitForCancel"/>) ended
    /// because their server token fired (journal only).</summary>
    public ICollection<long> CallsWithFiredTokens => _tokensFired.Keys;

    /// <summary>The <see cref="StressAction.WaitForCancel"/> calls that waited their longest: neither their token
    /// fired nor <see cref="Release"/> came (journal only).</summary>
    public ICollection<long> WaitsTimedOut => _waitsTimedOut.Keys;

    /// <summary>Completes when call <paramref name="callNumber"/> has started running (journal only).</summary>
    public Task WhenStarted(long callNumber) => _started.GetOrAdd(callNumber, NewSignal).Task;

    /// <summary>When the wait of call <paramref name="callNumber"/> saw its token fired (a <see cref="Stopwatch"/> timestamp),
    /// or null if it has not (journal only).</summary>
    public long? TokenFiredAt(long callNumber) => _tokensFired.TryGetValue(callNumber, out long at) ? at : null;

    /// <summary>Ends the wait of a <see cref="StressAction.WaitForCancel"/> call: it replies normally.</summary>
    public void Release(long callNumber) => _releases.GetOrAdd(callNumber, NewSignal).TrySetResult();

    /// <inheritdoc/>
    public byte[] Run(StressOrder order, ReadOnlyMemory<byte> payload)
    {
        Begin(order, payload.Span);
        WaitBlocking(order, CancellationToken.None);
        return StressPattern.Reply(order.CallNumber, order.ReplyLength);
    }

    /// <inheritdoc/>
    public byte[] RunCancellable(StressOrder order, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Begin(order, payload.Span);
        WaitBlocking(order, cancellationToken);
        return StressPattern.Reply(order.CallNumber, order.ReplyLength);
    }

    /// <inheritdoc/>
    public async ValueTask<byte[]> RunAsync(StressOrder order, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Begin(order, payload.Span);
        await Wait(order, cancellationToken).ConfigureAwait(false);
        CheckStillIntact(order.CallNumber, payload.Span);
        return StressPattern.Reply(order.CallNumber, order.ReplyLength);
    }

    /// <inheritdoc/>
    public async Task<byte[]> RunTaskAsync(StressOrder order, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Begin(order, payload.Span);
        await Wait(order, cancellationToken).ConfigureAwait(false);
        CheckStillIntact(order.CallNumber, payload.Span);
        return StressPattern.Reply(order.CallNumber, order.ReplyLength);
    }

    /// <inheritdoc/>
    public async ValueTask RunVoidAsync(StressOrder order, CancellationToken cancellationToken)
    {
        Begin(order, default);
        await Wait(order, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the request, journals the start, and throws for <see cref="StressAction.Throw"/>.</summary>
    private void Begin(StressOrder order, ReadOnlySpan<byte> payload)
    {
        long number = order.CallNumber;
        if (!_ran.TryAdd(number, 0))
        {
            throw new InvalidOperationException($"stress call {StressPattern.Describe(number)} ran twice on the server");
        }

        int mismatch = StressPattern.FindRequestMismatch(payload, number);
        if (mismatch >= 0)
        {
            throw new InvalidDataException(
                $"stress call {StressPattern.Describe(number)}: request byte {mismatch} of {payload.Length} differs from its pattern");
        }

        if (_keepJournal)
        {
            _started.GetOrAdd(number, NewSignal).TrySetResult();
        }

        if (order.Action == StressAction.Throw)
        {
            throw new InvalidOperationException(StressPattern.ErrorMessage(number));
        }
    }

    /// <summary>The wait of a synchronous method: it blocks only its own thread (the server runs it on the thread
    /// pool, and a wait that needed further pool threads would starve the pool under load).</summary>
    private void WaitBlocking(StressOrder order, CancellationToken cancellationToken)
    {
        switch (order.Action)
        {
            case StressAction.Delay:
                cancellationToken.WaitHandle.WaitOne(order.DelayMilliseconds);
                break;
            case StressAction.WaitForCancel:
                Task released = _releases.GetOrAdd(order.CallNumber, NewSignal).Task;
                try
                {
                    if (!released.Wait(order.DelayMilliseconds, cancellationToken))
                    {
                        NoteWaitTimedOut(order.CallNumber);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Rethrown below, as the token's own exception.
                }
                finally
                {
                    _releases.TryRemove(order.CallNumber, out _);
                }

                break;
        }

        ThrowIfCanceled(order.CallNumber, cancellationToken);
    }

    private async Task Wait(StressOrder order, CancellationToken cancellationToken)
    {
        switch (order.Action)
        {
            case StressAction.Delay:
                await Task.Delay(order.DelayMilliseconds, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                break;
            case StressAction.WaitForCancel:
                Task released = _releases.GetOrAdd(order.CallNumber, NewSignal).Task;
                try
                {
                    await released.WaitAsync(TimeSpan.FromMilliseconds(order.DelayMilliseconds), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    NoteWaitTimedOut(order.CallNumber); // waited long enough: reply normally
                }
                catch (OperationCanceledException)
                {
                    // Rethrown below, as the token's own exception.
                }
                finally
                {
                    _releases.TryRemove(order.CallNumber, out _);
                }

                break;
        }

        ThrowIfCanceled(order.CallNumber, cancellationToken);
    }

    /// <summary>Journals a fired token as the implementation sees it, when its wait ends. (Not from a callback on the
    /// token: a callback registered before the wait's own runs after it, and the method may have returned and
    /// unregistered it by then.)</summary>
    private void ThrowIfCanceled(long callNumber, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            if (_keepJournal)
            {
                _tokensFired.TryAdd(callNumber, Stopwatch.GetTimestamp());
            }

            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>An argument that points into the request's bytes must stay valid until the task completes.</summary>
    private static void CheckStillIntact(long callNumber, ReadOnlySpan<byte> payload)
    {
        int mismatch = StressPattern.FindRequestMismatch(payload, callNumber);
        if (mismatch >= 0)
        {
            throw new InvalidDataException(
                $"stress call {StressPattern.Describe(callNumber)}: request byte {mismatch} of {payload.Length} changed while the call ran");
        }
    }

    private void NoteWaitTimedOut(long callNumber)
    {
        if (_keepJournal)
        {
            _waitsTimedOut.TryAdd(callNumber, 0);
        }
    }

    private static TaskCompletionSource NewSignal(long callNumber) => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
