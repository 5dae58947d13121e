namespace SocketPairGen.TestContracts;

/// <summary>
/// The contract of the stress and fault-injection tests. Every call names itself: the order carries a unique call
/// number, the payload is derived from it (<see cref="StressPattern"/>), and the reply starts with it, so a reply
/// delivered to the wrong caller, a corrupted block or a request run twice is detected on one side or the other.
/// One method per shape the generated proxy and dispatcher treat differently.
/// </summary>
[SocketPairChannel]
public partial interface IStress
{
    /// <summary>Synchronous without a token: the server runs it on its dispatch path.</summary>
    byte[] Run(StressOrder order, ReadOnlyMemory<byte> payload);

    /// <summary>Synchronous with a token: the server runs it on the thread pool so that it can be cancelled.</summary>
    byte[] RunCancellable(StressOrder order, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Awaited through a <see cref="ValueTask{TResult}"/>.</summary>
    ValueTask<byte[]> RunAsync(StressOrder order, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Awaited through a <see cref="Task{TResult}"/>.</summary>
    Task<byte[]> RunTaskAsync(StressOrder order, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Awaited with an empty reply: only an error or a cancellation can name the call.</summary>
    ValueTask RunVoidAsync(StressOrder order, CancellationToken cancellationToken);
}

/// <summary>What the server does with one stress call.</summary>
public enum StressAction : byte
{
    /// <summary>Reply at once.</summary>
    Reply,

    /// <summary>Throw an exception whose message names the call (<see cref="StressPattern.ErrorMessage"/>).</summary>
    Throw,

    /// <summary>Wait <see cref="StressOrder.DelayMilliseconds"/> (cut short by the call's token), then reply.</summary>
    Delay,

    /// <summary>Wait until the call's token fires, <see cref="StressService.Release"/> releases it, or
    /// <see cref="StressOrder.DelayMilliseconds"/> pass; a fired token ends the call as cancelled.</summary>
    WaitForCancel,
}

/// <summary>One stress call's instructions to the server.</summary>
/// <param name="CallNumber">Unique within a channel; the request's payload and the reply derive from it.</param>
/// <param name="Action">What the server does.</param>
/// <param name="DelayMilliseconds">How long <see cref="StressAction.Delay"/> waits, or the longest
/// <see cref="StressAction.WaitForCancel"/> waits.</param>
/// <param name="ReplyLength">The length of the reply, at least <see cref="StressPattern.ReplyPrefixLength"/>.</param>
public readonly record struct StressOrder(long CallNumber, StressAction Action, int DelayMilliseconds, int ReplyLength);
