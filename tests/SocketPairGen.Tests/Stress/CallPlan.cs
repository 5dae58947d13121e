using System.Globalization;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Stress;

/// <summary>How a stress call is made on the client.</summary>
internal enum CallShape
{
    Run,
    RunCancellable,
    RunAsync,
    RunTaskAsync,
    RunVoidAsync,
}

/// <summary>What happens to a stress call's token.</summary>
internal enum CancelMode
{
    /// <summary>No token (<see cref="CancellationToken.None"/>).</summary>
    None,

    /// <summary>A token that could fire but never does.</summary>
    LiveToken,

    /// <summary>A token already cancelled when the call is made.</summary>
    AlreadyCancelled,

    /// <summary>A timer cancels the token <see cref="CallPlan.CancelAfterMilliseconds"/> after the call is made.</summary>
    CancelAfter,

    /// <summary>The caller cancels the token as soon as the awaited call has returned its task.</summary>
    CancelRightAway,
}

/// <summary>Everything about one stress call that the seed decides.</summary>
internal sealed record CallPlan(
    long Number,
    CallShape Shape,
    StressAction Action,
    int DelayMilliseconds,
    int RequestLength,
    int ReplyLength,
    CancelMode Cancel,
    int CancelAfterMilliseconds)
{
    public bool IsSynchronous => Shape is CallShape.Run or CallShape.RunCancellable;

    public StressOrder Order => new(Number, Action, DelayMilliseconds, ReplyLength);

    public override string ToString()
    {
        string action = Action switch
        {
            StressAction.Delay => $"Delay({DelayMilliseconds} ms)",
            StressAction.WaitForCancel => $"WaitForCancel(up to {DelayMilliseconds} ms)",
            _ => Action.ToString(),
        };
        string cancel = Cancel switch
        {
            CancelMode.CancelAfter => $"cancelled after {CancelAfterMilliseconds} ms",
            CancelMode.CancelRightAway => "cancelled right away",
            CancelMode.AlreadyCancelled => "already cancelled",
            CancelMode.LiveToken => "live token",
            _ => "no token",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{StressPattern.Describe(Number)} {Shape} {action}, request {RequestLength:N0} B, reply {ReplyLength:N0} B, {cancel}");
    }
}

/// <summary>Draws one worker's calls from the seed: the same seed and worker always give the same calls.</summary>
internal sealed class CallPlanner
{
    /// <summary>How long a <see cref="StressAction.WaitForCancel"/> call waits for its cancellation on the server.
    /// Its client cancels it within 15 ms, so a wait this long means the server never saw the cancel.</summary>
    public const int CancelWaitLimitMilliseconds = 3000;

    private readonly Random _random;
    private readonly int _worker;
    private readonly bool _asyncWorker;
    private readonly StressProfile _profile;
    private readonly int _maxRequestLength;
    private readonly int _maxReplyLength;
    private int _index;

    public CallPlanner(int seed, int worker, bool asyncWorker, int maxFrameSize, StressProfile profile = StressProfile.Mixed)
    {
        _profile = profile;
        _random = new Random(unchecked((seed * 7919) + worker));
        _worker = worker;
        _asyncWorker = asyncWorker;
        _maxRequestLength = maxFrameSize - 28 - 64; // the order and the block's count before the block
        _maxReplyLength = maxFrameSize - 4 - 64; // the array's count before its bytes
    }

    /// <summary>The random source of this worker, for choices that are not part of a call (bursts).</summary>
    public Random Random => _random;

    public CallPlan Next()
    {
        long number = ((long)_worker << 32) | (uint)++_index;
        if (_profile == StressProfile.FullDuplex)
        {
            return NextFullDuplex(number);
        }

        CallShape shape = NextShape();
        CancelMode cancel = NextCancelMode(shape);
        StressAction action = NextAction(cancel);
        int delay = action switch
        {
            StressAction.Delay => _random.Next(1, 11),
            StressAction.WaitForCancel => CancelWaitLimitMilliseconds,
            _ => 0,
        };
        int requestLength = shape == CallShape.RunVoidAsync ? 0 : NextLength(_maxRequestLength);
        int replyLength = Math.Max(StressPattern.ReplyPrefixLength, NextLength(_maxReplyLength));
        return new CallPlan(number, shape, action, delay, requestLength, replyLength, cancel, _random.Next(0, 16));
    }

    /// <summary>A large call each way; an awaited caller's every other call is synchronous.</summary>
    private CallPlan NextFullDuplex(long number)
    {
        CallShape shape = (_asyncWorker, _index % 2 == 0, _random.Next(2) == 0) switch
        {
            (false, _, true) or (true, true, true) => CallShape.Run,
            (false, _, false) or (true, true, false) => CallShape.RunCancellable,
            (true, false, true) => CallShape.RunAsync,
            _ => CallShape.RunTaskAsync,
        };
        CancelMode cancel = shape == CallShape.Run || _random.Next(2) == 0 ? CancelMode.None : CancelMode.LiveToken;
        int requestLength = _maxRequestLength - _random.Next(0, 64 * 1024);
        int replyLength = _maxReplyLength - _random.Next(0, 64 * 1024);
        return new CallPlan(number, shape, StressAction.Reply, 0, requestLength, replyLength, cancel, 0);
    }

    private CallShape NextShape()
    {
        int roll = _random.Next(100);
        if (!_asyncWorker)
        {
            return roll < 50 ? CallShape.Run : CallShape.RunCancellable;
        }

        return roll switch
        {
            < 40 => CallShape.RunAsync,
            < 65 => CallShape.RunTaskAsync,
            < 85 => CallShape.RunVoidAsync,
            < 93 => CallShape.Run,
            _ => CallShape.RunCancellable,
        };
    }

    private CancelMode NextCancelMode(CallShape shape)
    {
        if (shape == CallShape.Run)
        {
            return CancelMode.None;
        }

        int roll = _random.Next(100);
        CancelMode mode = roll switch
        {
            < 25 => CancelMode.None,
            < 45 => CancelMode.LiveToken,
            < 50 => CancelMode.AlreadyCancelled,
            < 90 => CancelMode.CancelAfter,
            _ => CancelMode.CancelRightAway,
        };

        // A blocked synchronous caller cannot cancel its own token: a timer does it.
        return mode == CancelMode.CancelRightAway && shape == CallShape.RunCancellable ? CancelMode.CancelAfter : mode;
    }

    private StressAction NextAction(CancelMode cancel)
    {
        int roll = _random.Next(100);
        return roll switch
        {
            < 10 => StressAction.Throw,
            < 20 => StressAction.Delay,
            < 30 when cancel is CancelMode.CancelAfter or CancelMode.CancelRightAway => StressAction.WaitForCancel,
            _ => StressAction.Reply,
        };
    }

    /// <summary>Mostly small, some medium and large, and some within a kilobyte of the maximum.</summary>
    private int NextLength(int max)
    {
        int roll = _random.Next(100);
        return roll switch
        {
            < 55 => _random.Next(0, 65),
            < 80 => _random.Next(65, 4097),
            < 93 => _random.Next(4097, 65_537),
            _ => max - _random.Next(0, 1025),
        };
    }
}
