using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// The quick mode: every scenario in one process, in interleaved rounds (so a noisy neighbour slows all of them
/// alike), each call timed on its own. Prints the median per call, the ratio against the raw socket baseline of
/// the same run, and the bytes allocated per call by the whole process (calling and reader threads).
/// </summary>
internal static class QuickMode
{
    private const int Rounds = 20;
    private const int CallsPerRound = 1500;
    private const int BulkCallsPerRound = 60;

    public static int Run()
    {
        using var peers = new Peers();
        byte[] block = new byte[1024 * 1024];
        new Random(1).NextBytes(block);

        var scenarios = new Scenario[]
        {
            new("raw Socket Send/Receive, 16 B each way (baseline)", CallsPerRound, (t, n) => Measure(t, n, peers.RawPingPong)),
            new("channel call, sync Add(int, int)", CallsPerRound, (t, n) => Measure(t, n, () => peers.Client.Add(1, 2))),
            new("channel call, awaited AddAsync(int, int)", CallsPerRound, (t, n) => MeasureAsync(t, n, peers.Client)),
            new("channel call, awaited, continuations on thread pool", CallsPerRound, (t, n) => MeasureAsync(t, n, peers.ClientWithPoolContinuations)),
            new("raw Socket Send 1 MiB, 8 B back (bulk baseline)", BulkCallsPerRound, (t, n) => Measure(t, n, () => peers.RawBulk(block))),
            new("channel call carrying 1 MiB, long back", BulkCallsPerRound, (t, n) => Measure(t, n, () => peers.Client.Length(block))),
        };

        // Warm up: JIT tiers, pools, socket buffers, the children's own JIT.
        foreach (Scenario scenario in scenarios)
        {
            for (int i = 0; i < 3; i++)
            {
                scenario.RunRound(record: false);
            }
        }

        var clock = Stopwatch.StartNew();
        for (int round = 0; round < Rounds; round++)
        {
            foreach (Scenario scenario in scenarios)
            {
                scenario.RunRound(record: true);
            }
        }

        Print(scenarios, clock.Elapsed);
        return 0;
    }

    private static void Measure(long[] ticks, int count, Action call)
    {
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private static void MeasureAsync(long[] ticks, int count, TestChild.Contracts.CalculatorClient client) =>
        MeasureAsyncCore(ticks, count, client).GetAwaiter().GetResult();

    private static async Task MeasureAsyncCore(long[] ticks, int count, TestChild.Contracts.CalculatorClient client)
    {
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await client.AddAsync(1, 2);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private static void Print(Scenario[] scenarios, TimeSpan elapsed)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture,
            $"SocketPairGen quick benchmark: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"));
        Console.WriteLine(string.Create(culture, $"{Rounds} interleaved rounds, measured in {elapsed.TotalSeconds:F1} s; every peer is a child process."));
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-56} {"median µs",10} {"p90 µs",9} {"vs raw",7} {"alloc B/call",13}");

        double roundTripBaseline = scenarios[0].Median;
        double bulkBaseline = scenarios[4].Median;
        for (int i = 0; i < scenarios.Length; i++)
        {
            Scenario s = scenarios[i];
            bool bulk = i >= 4;
            double ratio = s.Median / (bulk ? bulkBaseline : roundTripBaseline);
            string extra = bulk ? string.Create(culture, $"   {1024.0 * 1024 / (s.Median * 1e-6) / 1e9:F2} GB/s") : "";
            Console.WriteLine(string.Create(culture,
                $"{s.Name,-56} {s.Median,10:F1} {s.Percentile(0.9),9:F1} {ratio,7:F2} {s.AllocatedPerCall,13:F1}{extra}"));
        }

        Console.WriteLine();
        Console.WriteLine("vs raw: time per call divided by the raw baseline's (round trips) or the raw bulk's (bulk);");
        Console.WriteLine("for bulk, throughput relative to raw is 1 / that ratio.");
        Console.WriteLine(string.Create(culture,
            $"bulk throughput vs raw: {bulkBaseline / scenarios[5].Median:F2}x"));
    }

    private sealed class Scenario(string name, int callsPerRound, Action<long[], int> run)
    {
        private readonly long[] _roundTicks = new long[callsPerRound];
        private readonly List<long> _ticks = new(callsPerRound * Rounds);
        private long _allocated;
        private long _calls;

        public string Name { get; } = name;

        public double Median => Percentile(0.5);

        public double AllocatedPerCall => _calls == 0 ? 0 : (double)_allocated / _calls;

        public void RunRound(bool record)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            run(_roundTicks, callsPerRound);
            long after = GC.GetTotalAllocatedBytes(precise: true);
            if (record)
            {
                _allocated += after - before;
                _calls += callsPerRound;
                _ticks.AddRange(_roundTicks);
            }
        }

        public double Percentile(double p)
        {
            var sorted = _ticks.ToArray();
            Array.Sort(sorted);
            long ticks = sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
            return ticks * 1e6 / Stopwatch.Frequency;
        }
    }
}
