using System.ComponentModel;

namespace SocketPairGen.Channels;

/// <summary>
/// Routes a request to the implementation of a contract. Generated code implements it once per contract;
/// <see cref="ChannelServer"/> calls it for every request, on its reader thread.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChannelDispatcher
{
    /// <summary>
    /// Decodes the arguments of <paramref name="call"/> from <paramref name="payload"/>, invokes the
    /// implementation, and replies through <see cref="ServerCall.Reply{TPayload}"/> or
    /// <see cref="ServerCall.ReplyError"/>, now or later (after an asynchronous method completes).
    /// </summary>
    /// <remarks>
    /// <paramref name="payload"/> is valid only until this method returns, unless
    /// <see cref="ServerCall.RetainPayload"/> is called: an argument that points into it (a
    /// <c>ReadOnlyMemory&lt;byte&gt;</c>) stays valid until an asynchronous implementation completes. Throw <see cref="ChannelProtocolException"/>
    /// only for malformed arguments (it closes the channel); an exception the implementation throws must be
    /// reported with <see cref="ServerCall.ReplyError"/>. Any other exception thrown from here is replied as the
    /// call's error while the call is unanswered; thrown after the call was answered, it ends serving (the server's
    /// task faults with it), since no call can carry it.
    /// </remarks>
    /// <param name="call">The call: its method id, its cancellation token, and how to reply.</param>
    /// <param name="payload">The request's payload (the arguments).</param>
    void Dispatch(ServerCall call, ReadOnlyMemory<byte> payload);
}
