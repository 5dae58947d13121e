namespace SocketPairGen.Samples.FileDigest;

/// <summary>The end-of-run table, and the first few digests in <c>sha256sum</c>'s format (so they can be checked by hand).</summary>
internal static class SummaryTable
{
    private const int DigestsShown = 5;

    public static void Print(RunResults results)
    {
        double[] latencies = [.. results.CallLatencies];
        Array.Sort(latencies);
        string median = latencies.Length > 0 ? Units.Fixed(latencies[latencies.Length / 2], 1) : "-";

        (string Label, string Value, string Unit)[] rows =
        [
            ("files", Units.Count(results.FilesDigested), ""),
            ("bytes", Units.Count(results.BytesDigested), $"({Units.Megabytes(results.BytesDigested)})"),
            ("content sent as", results.PassDescriptors ? "descriptors" : "bytes", results.PassDescriptors ? "(the worker opened no path)" : ""),
            ("calls", Units.Count(latencies.Length), ""),
            ("median call latency", median, "µs"),
            ("digest throughput", Units.MegabytesPerSecond(results.BytesDigested, results.DigestTime), "MB/s (worker start-up excluded)"),
            ("worker start-up", Units.Fixed(results.WorkersStarted == 0 ? 0 : results.WorkerStartup.TotalMilliseconds / results.WorkersStarted, 1),
                results.WorkersStarted == 1 ? "ms" : $"ms on average, {results.WorkersStarted} workers"),
            ("elapsed", Units.Fixed(results.Elapsed.TotalSeconds, 2), "s"),
            ("worker restarts", Units.Count(results.Restarts), ""),
            ("skipped files", Units.Count(results.Skipped), results.Skipped > 0 ? "(unreadable, links, special files)" : ""),
        ];

        int labelWidth = rows.Max(row => row.Label.Length);
        int valueWidth = rows.Max(row => row.Value.Length);
        string rule = new('─', labelWidth + valueWidth + 4);
        Console.WriteLine();
        Console.WriteLine(rule);
        foreach ((string label, string value, string unit) in rows)
        {
            // A figure that does not exist ("-") gets no unit.
            Console.WriteLine($"{label.PadRight(labelWidth)}    {value.PadLeft(valueWidth)} {(value == "-" ? "" : unit)}".TrimEnd());
        }

        Console.WriteLine(rule);
        PrintFirstDigests(results);
    }

    private static void PrintFirstDigests(RunResults results)
    {
        int shown = 0;
        for (int index = 0; index < results.Files.Count && shown < DigestsShown; index++)
        {
            if (results.Records[index] is DigestRecord record)
            {
                if (shown++ == 0)
                {
                    Console.WriteLine();
                    Console.WriteLine($"first {Math.Min(DigestsShown, results.FilesDigested)} digests (sha256sum format):");
                }

                Console.WriteLine($"{Convert.ToHexStringLower(record.Hash)}  {results.Files[index].RelativePath}");
            }
        }
    }
}
