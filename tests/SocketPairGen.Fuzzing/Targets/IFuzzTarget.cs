namespace SocketPairGen.Fuzzing.Targets;

/// <summary>
/// One fuzz target: runs one input against a real channel and throws <see cref="Harness.FuzzFinding"/> when the
/// channel breaks a promise. The first byte of an input is the target's control byte (which options and which
/// harness moves to use); the rest is what the hostile peer writes.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name the command line and the corpus folders use: <c>server</c>, <c>client</c>, <c>handshake</c>, <c>descriptors</c>.</summary>
    string Name { get; }

    /// <summary>Builds the seed corpus from the real encoders (a real client, a real server, <c>Hello.EncodeFrame</c>).</summary>
    IReadOnlyList<FuzzInput> BuildSeeds();

    /// <summary>Runs one input. Returns when the channel kept its promises; throws a finding otherwise.</summary>
    void Run(ReadOnlySpan<byte> input);
}

/// <summary>A named input of a corpus.</summary>
internal sealed record FuzzInput(string Name, byte[] Bytes);
