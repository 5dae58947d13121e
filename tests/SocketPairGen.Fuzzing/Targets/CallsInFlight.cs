using System.Net.Sockets;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Targets;

/// <summary>
/// The calls of one plan, put in flight one after another: each is started, then its request frame is read from
/// the harness's end before the next starts, so a fresh client gives them the same call ids every time (today
/// 0x00010000, 0x00010001, … in plan order: slot n, first use). Records each call's id, method id and outcome.
/// </summary>
internal sealed class CallsInFlight
{
    private readonly PlannedCall[] _plan;
    private readonly Thread?[] _threads;
    private readonly Task?[] _tasks;
    private readonly Exception?[] _errors;
    private readonly bool[] _returned;
    private readonly CancellationTokenSource?[] _tokens;
    private readonly bool[] _cancelled;

    public CallsInFlight(PlannedCall[] plan)
    {
        _plan = plan;
        _threads = new Thread?[plan.Length];
        _tasks = new Task?[plan.Length];
        _errors = new Exception?[plan.Length];
        _returned = new bool[plan.Length];
        _tokens = new CancellationTokenSource?[plan.Length];
        _cancelled = new bool[plan.Length];
        Requests = new RawFrame[plan.Length];
    }

    /// <summary>The request frame of each call, as the harness read it.</summary>
    public RawFrame[] Requests { get; }

    /// <summary>Each call's request frame, whole, when <see cref="Issue"/> was asked to keep them (the seed builder).</summary>
    public List<byte[]> RequestBytes { get; } = [];

    public int Count => _plan.Length;

    public PlannedCall this[int index] => _plan[index];

    /// <summary>Starts every call in plan order, reading each one's request frame before starting the next.</summary>
    public void Issue(IEverything client, Socket peer, byte[] frameBuffer, InputBudget budget, bool keepRequests = false)
    {
        for (int i = 0; i < _plan.Length; i++)
        {
            Start(client, i);
            string what = $"the request of call {i} ({_plan[i].Method})";
            if (!PeerIo.TryReadFrame(peer, frameBuffer, budget, what, out RawFrame frame, out ReadOnlySpan<byte> payload))
            {
                throw new FuzzFinding("hang", $"{what} never came: the client closed its end.");
            }

            if (!frame.IsKind(FrameKind.Request))
            {
                throw new FuzzFinding("wrong-kind", $"{what} is a frame of kind {frame.Kind}.");
            }

            Requests[i] = frame;
            if (keepRequests)
            {
                RequestBytes.Add([.. frameBuffer.AsSpan(0, FrameHeader.Size), .. payload]);
            }
        }
    }

    /// <summary>Cancels the token of every call of <paramref name="style"/>.</summary>
    public void Cancel(CallStyle style)
    {
        for (int i = 0; i < _plan.Length; i++)
        {
            if (_plan[i].Style == style && _tokens[i] is { } source)
            {
                _cancelled[i] = true;
                source.Cancel();
            }
        }
    }

    public bool WasCancelled(int index) => _cancelled[index];

    /// <summary>Waits for every call to end, within the input's time.</summary>
    public void WaitAll(InputBudget budget)
    {
        for (int i = 0; i < _plan.Length; i++)
        {
            string what = $"call {i} ({_plan[i].Method}, {_plan[i].Style}, call id {Requests[i].CallId:x8})";
            if (_threads[i] is { } thread)
            {
                budget.JoinOrHang(thread, what);
            }
            else
            {
                budget.WaitOrHang(_tasks[i]!, what);
            }
        }
    }

    /// <summary>How call <paramref name="index"/> ended: null when it returned a result.</summary>
    public Exception? Outcome(int index)
    {
        if (_tasks[index] is { } task)
        {
            return task.IsCanceled ? new OperationCanceledException() : task.Exception?.InnerException;
        }

        return _returned[index] ? null : _errors[index];
    }

    /// <summary>Drops the token sources (after every call ended).</summary>
    public void DisposeTokens()
    {
        foreach (CancellationTokenSource? source in _tokens)
        {
            source?.Dispose();
        }
    }

    private void Start(IEverything client, int index)
    {
        PlannedCall call = _plan[index];
        CancellationToken token = default;
        if (call.Style is CallStyle.AwaitedCancellable or CallStyle.SyncCancellable)
        {
            _tokens[index] = new CancellationTokenSource();
            token = _tokens[index]!.Token;
        }

        if (call.Style is CallStyle.Awaited or CallStyle.AwaitedCancellable)
        {
            try
            {
                _tasks[index] = (Task)call.Invoke(client, token)!;
            }
            catch (Exception ex)
            {
                _tasks[index] = Task.FromException(ex);
            }

            return;
        }

        var thread = new Thread(() =>
        {
            try
            {
                call.Invoke(client, token);
                _returned[index] = true;
            }
            catch (Exception ex)
            {
                _errors[index] = ex;
            }
        })
        { IsBackground = true, Name = $"fuzz call {index}" };
        _threads[index] = thread;
        thread.Start();
    }
}
