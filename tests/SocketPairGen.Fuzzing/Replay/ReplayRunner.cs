using System.Diagnostics;
using System.Globalization;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Targets;

namespace SocketPairGen.Fuzzing.Replay;

/// <summary>
/// Runs a target without AFL: its seeds, its findings corpus and a fixed number of mutations from a fixed seed (or
/// only the files given). Prints one line per finding, with the input in hexadecimal and the file it was written
/// to, and a summary; the exit code is 1 when anything was found.
/// </summary>
internal sealed class ReplayRunner(IFuzzTarget target, string outputFolder)
{
    private const int MaxReportedFindings = 20;

    private static FuzzInput? s_current;
    private static string s_currentTarget = "";
    private static string s_outputFolder = "";

    private readonly List<(FuzzInput Input, Exception Error)> _findings = [];

    /// <summary>Replays seeds, mutations and (unless <paramref name="withFindings"/> is false) the findings corpus.</summary>
    public int RunAll(int mutations, int seed, bool withFindings)
    {
        IReadOnlyList<FuzzInput> seeds = target.BuildSeeds();
        IReadOnlyList<FuzzInput> known = withFindings ? FindingsCorpus.Load(target.Name) : [];
        WarmUp(seeds[0]);

        var clock = Stopwatch.StartNew();
        var mutator = new Mutator(seeds, seed);
        int runs = 0;
        foreach (FuzzInput input in seeds.Concat(known).Concat(Enumerable.Range(0, mutations).Select(mutator.Next)))
        {
            RunOne(input);
            runs++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Name}: {seeds.Count} seeds, {known.Count} known findings, {mutations} mutations (seed {seed}): {runs} inputs in {clock.Elapsed.TotalSeconds:0.0} s ({runs / clock.Elapsed.TotalSeconds:0} per second), {_findings.Count} findings"));
        return Report();
    }

    /// <summary>Replays only the given inputs (a finding to check, an AFL crash to triage).</summary>
    public int RunFiles(IEnumerable<string> files)
    {
        // Only the control byte: the target's cheapest run, without building the whole seed corpus.
        WarmUp(new FuzzInput("warm-up", [0]));
        TriageLog.Enabled = true;
        int runs = 0;
        foreach (string file in files)
        {
            Console.WriteLine($"{target.Name} {file}:");
            RunOne(new FuzzInput(Path.GetFileName(file), File.ReadAllBytes(file)));
            runs++;
        }

        Console.WriteLine($"{target.Name}: {runs} inputs, {_findings.Count} findings");
        return Report();
    }

    /// <summary>Reports the input being run when a channel thread's exception is about to end the process.</summary>
    public static void ReportCrash(Exception exception)
    {
        FuzzInput? input = s_current;
        Console.WriteLine($"CRASH {s_currentTarget} {input?.Name ?? "(between inputs)"}: an exception escaped a thread and ends the process.");
        if (input is not null)
        {
            Console.WriteLine($"  input ({input.Bytes.Length} bytes): {Hex(input.Bytes)}");
            Console.WriteLine($"  written to: {Save(s_outputFolder, s_currentTarget, input)}");
        }

        Console.WriteLine(Indent(exception.ToString()));
        Console.Out.Flush();
    }

    /// <summary>Runs the first seed once untimed and unchecked: type initializers, the JIT and the probe's recording
    /// allocate on the first run only, and would count against the first input.</summary>
    private void WarmUp(FuzzInput input)
    {
        try
        {
            target.Run(input.Bytes);
        }
        catch (FuzzFinding)
        {
            // Judged again in the regular pass.
        }
    }

    private void RunOne(FuzzInput input)
    {
        s_current = input;
        s_currentTarget = target.Name;
        s_outputFolder = outputFolder;
        try
        {
            target.Run(input.Bytes);
        }
        catch (FuzzFinding finding) when (!IgnoredChecks.Contains(finding))
        {
            _findings.Add((input, finding));
        }
        catch (FuzzFinding)
        {
            // Known, and let pass on purpose (see IgnoredChecks).
        }
        catch (Exception ex)
        {
            _findings.Add((input, FuzzFinding.Unexpected("The target's run", ex)));
        }
        finally
        {
            s_current = null;
        }
    }

    private int Report()
    {
        foreach ((FuzzInput input, Exception error) in _findings.Take(MaxReportedFindings))
        {
            Console.WriteLine($"FINDING {target.Name} {input.Name}: {error.Message}");
            Console.WriteLine($"  input ({input.Bytes.Length} bytes): {Hex(input.Bytes)}");
            Console.WriteLine($"  written to: {Save(outputFolder, target.Name, input)}");
            if (error.InnerException is { } inner)
            {
                Console.WriteLine(Indent(inner.ToString()));
            }
        }

        if (_findings.Count > MaxReportedFindings)
        {
            Console.WriteLine($"… and {_findings.Count - MaxReportedFindings} more findings.");
        }

        foreach (IGrouping<string, string> check in _findings.Select(f => (f.Error as FuzzFinding)?.Check ?? "unexpected-exception").GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {check.Key}: {check.Count()}");
        }

        return _findings.Count == 0 ? 0 : 1;
    }

    private static string Save(string folder, string targetName, FuzzInput input)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{targetName}-{input.Name.Replace('/', '-')}".Replace(".bin", "", StringComparison.Ordinal) + ".bin");
        File.WriteAllBytes(path, input.Bytes);
        return path;
    }

    private static string Hex(byte[] bytes) =>
        bytes.Length <= 256 ? Convert.ToHexString(bytes) : $"{Convert.ToHexString(bytes.AsSpan(0, 256))}… (first 256 bytes)";

    private static string Indent(string text) => "    " + text.ReplaceLineEndings("\n    ");
}
