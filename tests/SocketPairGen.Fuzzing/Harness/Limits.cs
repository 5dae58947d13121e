namespace SocketPairGen.Fuzzing.Harness;

/// <summary>The settings every target runs under, and the bounds an input is held to.</summary>
internal static class Limits
{
    /// <summary>Both sides' <see cref="ChannelOptions.MaxFrameSize"/>: small, so the allocation bound means something.</summary>
    public const int MaxFrameSize = 64 * 1024;

    /// <summary>One input, from the first byte written to the last check, must finish within this.</summary>
    public static readonly TimeSpan TimePerInput = TimeSpan.FromSeconds(1);

    /// <summary>What a connection costs whatever the input: sockets, threads, the channel's buffers, the harness's
    /// own bookkeeping.</summary>
    public const long AllocationSlack = 128 * 1024;

    /// <summary>What each byte the peer really sent may cost (see <see cref="InputBudget"/>): a 16-byte request the
    /// server queues costs a few hundred bytes of bookkeeping (its entry, its payload's copy), within its request window.</summary>
    public const int AllocationPerInputByte = 24;
}
