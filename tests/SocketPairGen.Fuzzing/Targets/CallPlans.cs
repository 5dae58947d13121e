using SocketPairGen.TestContracts;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>How the client target makes a call: each shape reaches the reply path differently.</summary>
internal enum CallStyle
{
    /// <summary>A blocking call on a thread of its own, without a token: it reads replies itself when it can.</summary>
    SyncThread,

    /// <summary>An awaited call: the client's reader thread completes it.</summary>
    Awaited,

    /// <summary>An awaited call with a token the harness may cancel.</summary>
    AwaitedCancellable,

    /// <summary>A blocking call with a token the harness may cancel (the reader thread reads for it).</summary>
    SyncCancellable,
}

/// <summary>One call of a plan: the method (for its id on the wire), its shape, and how to make it. Awaited calls
/// return their <see cref="Task"/>; blocking calls return their result.</summary>
internal sealed record PlannedCall(string Method, CallStyle Style, Func<IEverything, CancellationToken, object?> Invoke);

/// <summary>
/// The calls the client target puts in flight before the input arrives, chosen by the low three bits of its
/// control byte. Every plan has two blocking calls on threads, an awaited call, an awaited call with a token and
/// a blocking call with a token, with result types that exercise different decoders.
/// </summary>
internal static class CallPlans
{
    public static IReadOnlyList<PlannedCall[]> All { get; } =
    [
        [Sync("EchoString", c => c.EchoString("sync")), Sync("EchoNested", c => c.EchoNested(new Nested { Color = Color.Red })),
            Awaited("AddAsync", c => c.AddAsync(1, 2)), DelayAsync(), Delay()],
        [Sync("EchoPaddedArray", c => c.EchoPaddedArray([default])), Sync("EchoOptional", c => c.EchoOptional(default)),
            Awaited("PingAsync", c => c.PingAsync().AsTask()), SumAsync(), Delay()],
        [Sync("EchoMixedTuple", c => c.EchoMixedTuple((Color.Blue, null, 7))), Sync("EchoBooleans", c => c.EchoBooleans([true])),
            Awaited("RecordAsync", c => c.RecordAsync(1)), DelayAsync(), Delay()],
        [Sync("EchoNullableInts", c => c.EchoNullableInts([1, 2])), Sync("EchoMemory", c => c.EchoMemory(new byte[] { 1 })),
            Awaited("FailAsync", c => c.FailAsync("awaited")), SumAsync(), Delay()],
        [Sync("EchoDecimal", c => c.EchoDecimal(1.5m)), Sync("EchoDateTime", c => c.EchoDateTime(DateTime.UnixEpoch)),
            Awaited("AddAsync", c => c.AddAsync(3, 4)), DelayAsync(), Delay()],
        [Sync("EchoNullableString", c => c.EchoNullableString("x")), Sync("EchoColors", c => c.EchoColors([Color.Red])),
            Awaited("PingAsync", c => c.PingAsync().AsTask()), SumAsync(), Delay()],
        [Sync("EchoNullablePadded", c => c.EchoNullablePadded(default(Padded))), Sync("EchoIntMemory", c => c.EchoIntMemory(new[] { 5 })),
            Awaited("RecordAsync", c => c.RecordAsync(2)), DelayAsync(), Delay()],
        [Sync("Defaults", c => c.Defaults()), Sync("EchoPackedHeader", c => c.EchoPackedHeader(default)),
            Awaited("FailAsync", c => c.FailAsync("awaited")), SumAsync(), Delay()],
    ];

    /// <summary>How long the delaying calls ask the server to wait: short, so a real server answers them while the seeds are built.</summary>
    private const int DelayMilliseconds = 30;

    private static PlannedCall Sync(string method, Func<IEverything, object?> call) => new(method, CallStyle.SyncThread, (c, _) => call(c));

    private static PlannedCall Awaited(string method, Func<IEverything, Task> call) => new(method, CallStyle.Awaited, (c, _) => call(c));

    private static PlannedCall DelayAsync() =>
        new("DelayAsync", CallStyle.AwaitedCancellable, (c, token) => c.DelayAsync(DelayMilliseconds, token).AsTask());

    private static PlannedCall SumAsync() =>
        new("SumAsync", CallStyle.AwaitedCancellable, (c, token) => c.SumAsync(new byte[] { 1, 2, 3 }, token).AsTask());

    private static PlannedCall Delay() => new("Delay", CallStyle.SyncCancellable, (c, token) => c.Delay(DelayMilliseconds, token));
}
