using SharpFuzz;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Targets;

namespace SocketPairGen.Fuzzing.Replay;

/// <summary>
/// The program under afl-fuzz: SharpFuzz's out-of-process fork server runs the target on each input in one
/// long-lived child process (persistent mode), and restarts that child when an input kills it (an exception
/// escaping a channel thread) or AFL times it out. A finding escapes the action and AFL records a crash.
/// </summary>
internal static class AflEntry
{
    public static void Run(IFuzzTarget target)
    {
        // Build the seeds and run the first once, so the first input AFL sends does not pay for type initializers
        // and the JIT (the allocation check would count them).
        IReadOnlyList<FuzzInput> seeds = target.BuildSeeds();
        try
        {
            target.Run(seeds[0].Bytes);
        }
        catch (FuzzFinding)
        {
            // AFL judges the seeds itself.
        }

        var buffer = new MemoryStream();
        Fuzzer.OutOfProcess.Run(stream =>
        {
            buffer.SetLength(0);
            stream.CopyTo(buffer);
            try
            {
                target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            catch (FuzzFinding finding) when (IgnoredChecks.Contains(finding))
            {
                // Known, and let pass on purpose.
            }
        });
    }
}
