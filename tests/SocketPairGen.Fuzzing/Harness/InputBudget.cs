using System.Diagnostics;

namespace SocketPairGen.Fuzzing.Harness;

/// <summary>
/// What one input may cost: a second of wall time, and at most <see cref="Limits.MaxFrameSize"/> +
/// <see cref="Limits.AllocationSlack"/> + <see cref="Limits.AllocationPerInputByte"/> × (input length) bytes of
/// managed allocations, process-wide. Allocations are counted with <c>GC.GetTotalAllocatedBytes(precise: true)</c>
/// from before the target creates its channel to after every thread it started is done with the input.
/// </summary>
/// <remarks>
/// The per-byte term pays for what a peer may legitimately cause with the bytes it really sends (a string
/// argument decodes into twice its UTF-8 length, a queued request is copied, a reply is encoded); the
/// <see cref="Limits.MaxFrameSize"/> term lets a receiver size one buffer from a validated header. What the
/// bound catches is a decoder or a reader that allocates from a count or a length it has not checked against the
/// bytes that arrived.
/// </remarks>
internal sealed class InputBudget
{
    private readonly long _startBytes;
    private readonly long _startTimestamp;
    private readonly int _inputLength;

    private InputBudget(int inputLength)
    {
        _inputLength = inputLength;
        _startBytes = GC.GetTotalAllocatedBytes(precise: true);
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts counting time and allocations for an input of <paramref name="inputLength"/> bytes.</summary>
    public static InputBudget Start(int inputLength) => new(inputLength);

    /// <summary>Time left before the input counts as a hang (never negative).</summary>
    public TimeSpan Remaining
    {
        get
        {
            TimeSpan left = Limits.TimePerInput - Stopwatch.GetElapsedTime(_startTimestamp);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary><see cref="Remaining"/> in whole milliseconds, at least 1 (a socket timeout of 0 means "forever").</summary>
    public int RemainingMilliseconds => Math.Max(1, (int)Remaining.TotalMilliseconds);

    /// <summary>Waits for <paramref name="task"/> within the time left; a task still running then is a hang.</summary>
    public void WaitOrHang(Task task, string what)
    {
        try
        {
            if (!task.Wait(Remaining))
            {
                throw new FuzzFinding("hang", $"{what} did not finish within {Limits.TimePerInput.TotalMilliseconds:0} ms of the input's start.");
            }
        }
        catch (AggregateException)
        {
            // The task's own outcome is the caller's to judge.
        }
    }

    /// <summary>Joins <paramref name="thread"/> within the time left; a thread still running then is a hang.</summary>
    public void JoinOrHang(Thread thread, string what)
    {
        if (!thread.Join(Remaining))
        {
            throw new FuzzFinding("hang", $"{what} did not finish within {Limits.TimePerInput.TotalMilliseconds:0} ms of the input's start.");
        }
    }

    /// <summary>Throws a finding when the input cost more managed memory than the bound.</summary>
    public void CheckAllocations()
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - _startBytes;
        long bound = Limits.MaxFrameSize + Limits.AllocationSlack + (Limits.AllocationPerInputByte * (long)_inputLength);
        TriageLog.Write($"{allocated:N0} bytes allocated (bound {bound:N0}), {Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds:0.0} ms");
        if (allocated > bound)
        {
            throw new FuzzFinding(
                "allocation",
                $"{allocated:N0} bytes were allocated for an input of {_inputLength:N0} bytes; the bound is {bound:N0} " +
                $"(max frame size {Limits.MaxFrameSize:N0} + {Limits.AllocationSlack:N0} + {Limits.AllocationPerInputByte} per input byte).");
        }
    }
}
