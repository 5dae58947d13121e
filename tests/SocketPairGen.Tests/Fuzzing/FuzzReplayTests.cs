using System.Diagnostics;

namespace SocketPairGen.Tests.Fuzzing;

/// <summary>
/// CI's run of the fuzz targets (tests/SocketPairGen.Fuzzing), without AFL: each target replays its seed corpus and
/// a fixed number of mutations from a fixed seed, and each input the fuzzers once found is replayed on its own.
/// The program runs as a child process, so an exception that escapes a channel thread (which ends the process)
/// fails one test, naming the input, instead of the test run. A failure prints the target, the input (in
/// hexadecimal, and as a file under this test's output folder) and the promise it broke.
/// </summary>
public class FuzzReplayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly string ProgramPath = Path.Combine(AppContext.BaseDirectory, "SocketPairGen.Fuzzing");

    private static readonly string FindingsOutput = Path.Combine(AppContext.BaseDirectory, "fuzz-findings");

    public static TheoryData<string> Targets => new() { "server", "client", "handshake", "descriptors" };

    /// <summary>Every file of the findings corpus, by target (the fuzzing project copies them next to its program).</summary>
    public static TheoryData<string, string> KnownFindings()
    {
        var data = new TheoryData<string, string>();
        string root = Path.Combine(AppContext.BaseDirectory, "Findings");
        string[] folders = Directory.Exists(root) ? Directory.GetDirectories(root) : [];
        foreach (string folder in folders.Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.GetFiles(folder, "*.bin").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void SeedsAndMutations_BreakNoPromise(string target) => AssertReplayPasses(target, ["--findings", "skip", "--out", FindingsOutput]);

    [Theory]
    [MemberData(nameof(KnownFindings))]
    public void KnownFinding_NoLongerBreaksItsPromise(string target, string file) =>
        AssertReplayPasses(target, ["--input", Path.Combine(AppContext.BaseDirectory, "Findings", target, file), "--out", FindingsOutput]);

    private static void AssertReplayPasses(string target, string[] options)
    {
        var start = new ProcessStartInfo(ProgramPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("replay");
        start.ArgumentList.Add(target);
        foreach (string option in options)
        {
            start.ArgumentList.Add(option);
        }

        using Process replay = Process.Start(start)!;
        Task<string> output = replay.StandardOutput.ReadToEndAsync();
        Task<string> errors = replay.StandardError.ReadToEndAsync();
        if (!replay.WaitForExit(Timeout))
        {
            replay.Kill(entireProcessTree: true);
            Assert.Fail($"The replay of the {target} target did not finish within {Timeout}: {output.Result}");
        }

        replay.WaitForExit();
        Assert.True(
            replay.ExitCode == 0,
            $"The {target} target broke a promise of the channel (exit code {replay.ExitCode}):\n{output.Result}\n{errors.Result}");
    }
}
