using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Stress;

/// <summary>Makes one planned call on a client, with the token its plan asks for, and records it in the ledger.</summary>
internal static class StressCaller
{
    /// <summary>A synchronous call; blocks the calling thread.</summary>
    public static void CallSync(IStress.Client client, CallPlan plan, StressLedger ledger)
    {
        byte[] payload = StressPattern.Request(plan.Number, plan.RequestLength);
        using CancellationTokenSource? source = NewTokenSource(plan);
        CancellationToken token = source?.Token ?? CancellationToken.None;
        ledger.Open(plan);
        byte[]? reply = null;
        Exception? error = null;
        try
        {
            reply = plan.Shape == CallShape.Run ? client.Run(plan.Order, payload) : client.RunCancellable(plan.Order, payload, token);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        ledger.Close(plan, reply, error, token);
    }

    /// <summary>An awaited call (or, for a synchronous shape, a blocking one on the current thread).</summary>
    public static async Task CallAsync(IStress.Client client, CallPlan plan, StressLedger ledger)
    {
        if (plan.IsSynchronous)
        {
            CallSync(client, plan, ledger);
            return;
        }

        byte[] payload = StressPattern.Request(plan.Number, plan.RequestLength);
        using CancellationTokenSource? source = NewTokenSource(plan);
        CancellationToken token = source?.Token ?? CancellationToken.None;
        ledger.Open(plan);
        byte[]? reply = null;
        Exception? error = null;
        try
        {
            switch (plan.Shape)
            {
                case CallShape.RunAsync:
                    ValueTask<byte[]> call = client.RunAsync(plan.Order, payload, token);
                    CancelRightAway(plan, source);
                    reply = await call.ConfigureAwait(false);
                    break;
                case CallShape.RunTaskAsync:
                    Task<byte[]> task = client.RunTaskAsync(plan.Order, payload, token);
                    CancelRightAway(plan, source);
                    reply = await task.ConfigureAwait(false);
                    break;
                default:
                    ValueTask empty = client.RunVoidAsync(plan.Order, token);
                    CancelRightAway(plan, source);
                    await empty.ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        ledger.Close(plan, reply, error, token);
    }

    private static CancellationTokenSource? NewTokenSource(CallPlan plan)
    {
        switch (plan.Cancel)
        {
            case CancelMode.None:
                return null;
            case CancelMode.AlreadyCancelled:
                var cancelled = new CancellationTokenSource();
                cancelled.Cancel();
                return cancelled;
            case CancelMode.CancelAfter:
                var timed = new CancellationTokenSource();
                timed.CancelAfter(plan.CancelAfterMilliseconds);
                return timed;
            default:
                return new CancellationTokenSource();
        }
    }

    private static void CancelRightAway(CallPlan plan, CancellationTokenSource? source)
    {
        if (plan.Cancel == CancelMode.CancelRightAway)
        {
            source!.Cancel();
        }
    }
}
