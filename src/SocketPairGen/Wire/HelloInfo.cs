namespace SocketPairGen.Wire;

/// <summary>
/// What a side announces in its handshake besides the contract: the largest frame payload it accepts, and (a server)
/// how many unanswered requests, and how many bytes of them, it takes before the client must wait.
/// </summary>
/// <param name="MaxFrameSize">The largest frame payload the sender accepts (its <see cref="ChannelOptions.MaxFrameSize"/>).</param>
/// <param name="RequestWindowCount">A server: the most requests a client may have unanswered at once. A client: 0.</param>
/// <param name="RequestWindowBytes">A server: the most payload bytes of unanswered requests. A client: 0.</param>
internal readonly record struct HelloInfo(int MaxFrameSize, int RequestWindowCount, long RequestWindowBytes)
{
    /// <summary>What a client announces: only its maximum frame size (it accepts no requests).</summary>
    public static HelloInfo ForClient(int maxFrameSize) => new(maxFrameSize, 0, 0);
}
