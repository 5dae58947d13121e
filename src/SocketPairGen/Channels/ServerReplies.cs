using SocketPairGen.Channels.Codecs;

namespace SocketPairGen.Channels;

/// <summary>
/// Replies for asynchronous methods, whatever they return: a task that has completed is replied to at once (no
/// continuation, nothing allocated), a pending one from its continuation, and a failed or cancelled one with its
/// exception. Written once here instead of once per generated method.
/// </summary>
internal static class ServerReplies
{
    public static void Reply(ServerCall call, Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Reply();
            return;
        }

        call.RetainPayloadIfArgumentsPointIntoIt();
        _ = ReplyLaterAsync(call, task);
    }

    public static void Reply(ServerCall call, ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult(); // a pooled source is released by reading its result
            call.Reply();
            return;
        }

        call.RetainPayloadIfArgumentsPointIntoIt();
        _ = ReplyLaterAsync(call, task);
    }

    public static void Reply<T, TCodec>(ServerCall call, Task<T> task)
        where TCodec : IWireCodec<T>
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Reply<T, TCodec>(task.Result);
            return;
        }

        call.RetainPayloadIfArgumentsPointIntoIt();
        _ = ReplyLaterAsync<T, TCodec>(call, task);
    }

    public static void Reply<T, TCodec>(ServerCall call, ValueTask<T> task)
        where TCodec : IWireCodec<T>
    {
        if (task.IsCompletedSuccessfully)
        {
            call.Reply<T, TCodec>(task.Result);
            return;
        }

        call.RetainPayloadIfArgumentsPointIntoIt();
        _ = ReplyLaterAsync<T, TCodec>(call, task);
    }

    private static async Task ReplyLaterAsync(ServerCall call, Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call.ReplyError(exception);
            return;
        }

        call.Reply();
    }

    private static async Task ReplyLaterAsync(ServerCall call, ValueTask task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call.ReplyError(exception);
            return;
        }

        call.Reply();
    }

    private static async Task ReplyLaterAsync<T, TCodec>(ServerCall call, Task<T> task)
        where TCodec : IWireCodec<T>
    {
        T result;
        try
        {
            result = await task.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call.ReplyError(exception);
            return;
        }

        call.Reply<T, TCodec>(result);
    }

    private static async Task ReplyLaterAsync<T, TCodec>(ServerCall call, ValueTask<T> task)
        where TCodec : IWireCodec<T>
    {
        T result;
        try
        {
            result = await task.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call.ReplyError(exception);
            return;
        }

        call.Reply<T, TCodec>(result);
    }
}
