namespace SocketPairGen;

/// <summary>Settings of one side of a channel. The defaults suit most uses; one instance may be shared by many
/// channels (it is read when a channel starts).</summary>
public sealed class ChannelOptions
{
    /// <summary>The default <see cref="MaxFrameSize"/>: 16 MiB.</summary>
    public const int DefaultMaxFrameSize = 16 * 1024 * 1024;

    /// <summary>The shared default instance.</summary>
    internal static readonly ChannelOptions Default = new();

    /// <summary>
    /// The largest frame payload, in bytes, this side sends or accepts. A peer that announces a larger frame
    /// breaks the protocol (the channel closes with <see cref="ChannelProtocolException"/>); a call whose own
    /// request is larger fails with <see cref="ChannelProtocolException"/> before anything is written, and the
    /// channel stays usable. Between 4 KiB and 1 GiB; default 16 MiB.
    /// </summary>
    public int MaxFrameSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 4096);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1 << 30);
            field = value;
        }
    } = DefaultMaxFrameSize;

    /// <summary>
    /// Server side: send the stack trace of an exception thrown by the implementation along with its type name
    /// and message (<see cref="ChannelRemoteException.RemoteStackTrace"/>). Off by default: a stack trace can
    /// reveal more of the server than its client should see.
    /// </summary>
    public bool IncludeRemoteStackTrace { get; init; }

    /// <summary>
    /// Server side: how many calls may run at once. The default, 1, runs calls one after another in arrival
    /// order (an asynchronous method finishes before the next call starts). A larger value lets up to that many
    /// calls run concurrently and complete in any order. Cancel frames are honoured in either mode.
    /// </summary>
    public int MaxConcurrentCalls
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 1;

    /// <summary>
    /// Client side: run the continuation of an awaited call on the thread pool instead of on the channel's
    /// reader thread. Off by default, which is the fast path: the code after <c>await</c> runs on the reader
    /// thread right after the reply is decoded, the way a synchronous call would continue. Turn it on when that
    /// code blocks for long (it delays the replies of other calls in flight on the same channel meanwhile), or
    /// when it waits synchronously for another call of the same channel.
    /// </summary>
    public bool RunContinuationsAsynchronously { get; init; }
}
