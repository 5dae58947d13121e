using System.Globalization;
using System.Text.RegularExpressions;

namespace SocketPairGen.Generator.Tests.Cost;

/// <summary>The figures read from a build log: the Csc task's time (from <c>-clp:PerformanceSummary</c>) and, with
/// <c>-p:ReportAnalyzer=true</c> and a detailed log, the SocketPairGen generator's time.</summary>
internal sealed partial record BuildLog(double CscMilliseconds, double GeneratorSeconds)
{
    public static readonly BuildLog Empty = new(0, 0);

    public static BuildLog Parse(string log)
    {
        string[] lines = Lines(log);
        Match csc = lines.Select(l => CscSummaryLine().Match(l)).LastOrDefault(m => m.Success)
            ?? throw new InvalidOperationException("No Csc line in the task performance summary:" + Environment.NewLine + Tail(log));
        if (csc.Groups["calls"].Value != "1")
        {
            throw new InvalidOperationException($"Csc ran {csc.Groups["calls"].Value} times; the measured build must compile the consumer alone.");
        }

        // The generator rows follow "Total generator execution time"; its assembly's row carries its total.
        double generator = lines.SkipWhile(l => !l.Contains("Total generator execution time", StringComparison.Ordinal))
            .Select(l => TimingRow().Match(l))
            .Where(m => m.Success && m.Groups["name"].Value.StartsWith("SocketPairGen.Generator", StringComparison.Ordinal))
            .Select(m => Seconds(m.Groups["s"].Value))
            .FirstOrDefault();
        return new BuildLog(double.Parse(csc.Groups["ms"].Value, CultureInfo.InvariantCulture), generator);
    }

    /// <summary>The heads of the compiler's ReportAnalyzer tables (analyzers, generators), for the test output.</summary>
    public static string ReportSection(string log)
    {
        string[] lines = Lines(log);
        IEnumerable<string> Table(string title) => lines.SkipWhile(l => !l.Contains(title, StringComparison.Ordinal)).Take(8);
        return string.Join(Environment.NewLine, Table("Total analyzer execution time").Concat(Table("Total generator execution time")));
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Tail(string log) => log.Length <= 20000 ? log : log[^20000..];

    private static string[] Lines(string log) => [.. log.Split('\n').Select(l => l.TrimEnd('\r'))];

    private static double Seconds(string value) =>
        value.StartsWith('<') ? 0 : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<ms>\d+)\s+ms\s+Csc\s+(?<calls>\d+)\s+calls")]
    private static partial Regex CscSummaryLine();

    [GeneratedRegex(@"^\s*(?<s><?[\d.]+)\s+(?<p><?\d+)\s+(?<name>\S.*)$")]
    private static partial Regex TimingRow();
}
