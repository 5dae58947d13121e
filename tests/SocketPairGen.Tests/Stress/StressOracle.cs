using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// Judges how one stress call ended. Every call must end with its own outcome: its own reply (the call number and
/// pattern, <see cref="StressPattern.CheckReply"/>), its own error (a <see cref="ChannelRemoteException"/> with its
/// call number, and only for <see cref="StressAction.Throw"/>), or, only if its token was cancelled, an
/// <see cref="OperationCanceledException"/> carrying that token. Anything else is a failure.
/// </summary>
internal static class StressOracle
{
    /// <summary>Why the outcome is wrong, or null when it is right.</summary>
    /// <param name="plan">The call.</param>
    /// <param name="reply">What it returned (null for an empty reply), when it returned.</param>
    /// <param name="error">What it threw, or null when it returned.</param>
    /// <param name="token">The token the call was made with.</param>
    public static string? Judge(CallPlan plan, byte[]? reply, Exception? error, CancellationToken token)
    {
        if (error is OperationCanceledException canceled)
        {
            if (!token.IsCancellationRequested)
            {
                return $"ended with OperationCanceledException but its token was not cancelled: {canceled.Message}";
            }

            return canceled.CancellationToken == token
                ? null
                : "ended with an OperationCanceledException that does not carry its own token";
        }

        if (error is ChannelRemoteException remote)
        {
            if (plan.Action == StressAction.Throw && remote.RemoteMessage == StressPattern.ErrorMessage(plan.Number))
            {
                return null;
            }

            return $"ended with a remote error that is not its own: {remote.RemoteTypeName}: {remote.RemoteMessage}";
        }

        if (error is not null)
        {
            return $"ended with {error.GetType().Name}: {error.Message}";
        }

        if (plan.Action == StressAction.Throw)
        {
            return "returned although its server method threw";
        }

        if (plan.Shape == CallShape.RunVoidAsync)
        {
            return null;
        }

        string? wrong = reply is null ? "returned null" : StressPattern.CheckReply(reply, plan.Number, plan.ReplyLength);
        return wrong is null ? null : $"returned {wrong}";
    }
}
