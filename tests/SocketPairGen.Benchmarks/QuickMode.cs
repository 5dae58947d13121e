using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// The quick mode: every scenario in one process, each call timed on its own, in interleaved rounds (a noisy
/// neighbour slows all scenarios alike). The whole measurement is repeated in several sessions, each with fresh
/// child processes, because on a small VM where the kernel places a parent thread and its child (same vCPU or
/// not) changes a round trip by 2-4x for as long as the pair lives; the median over sessions is robust to an
/// unlucky placement. Prints medians, ratios against the raw socket baseline of the same sessions, and the bytes
/// allocated per call by the whole process (calling and reader threads).
/// </summary>
internal static class QuickMode
{
    private const int Sessions = 5;
    private const int RoundsPerSession = 6;
    private const int CallsPerRoundTrip = 1000;
    private const int BulkCallsPerRound = 40;
    private const int HugeCallsPerRound = 3;
    private const int BlockSize = 1024 * 1024;
    private const int HugeSize = 64 * 1024 * 1024;

    private static readonly byte[] SmallBlock = new byte[4096];

    /// <summary>A 64 MiB block, sent as bytes, and the same bytes in a sealed memory file, passed as a descriptor.</summary>
    private static readonly Lazy<(byte[] Bytes, SafeFileHandle File)> Huge = new(() =>
    {
        byte[] bytes = new byte[HugeSize];
        new Random(2).NextBytes(bytes);
        return (bytes, MemoryFile.CreateSealed(bytes));
    });

    /// <summary>A small memory file: what a call that passes one descriptor passes.</summary>
    private static readonly Lazy<SafeFileHandle> SmallFile = new(() => MemoryFile.CreateSealed(new byte[16]));

    private static readonly (string Name, Kind Kind, Func<Peers, byte[], Action<long[], int>> Bind)[] Definitions =
    [
        ("raw Socket Send/Receive, 16 B each way (baseline)", Kind.RoundTrip, (p, _) => (t, n) => Measure(t, n, p.RawPingPong)),
        ("generated call, sync Add(int, int)", Kind.RoundTrip, (p, _) => (t, n) => Measure(t, n, () => p.Client.Add(1, 2))),
        ("generated call, awaited AddAsync(int, int)", Kind.RoundTrip, (p, _) => (t, n) => MeasureAsync(t, n, () => p.Client.AddAsync(1, 2))),
        ("generated call, awaited, continuations on thread pool", Kind.RoundTrip, (p, _) => (t, n) => MeasureAsync(t, n, () => p.ClientWithPoolContinuations.AddAsync(1, 2))),
        ("generated call, 4 KiB ReadOnlyMemory<byte>, long back", Kind.RoundTrip, (p, _) => (t, n) => Measure(t, n, () => p.Client.Length(SmallBlock))),
        ("StreamJsonRpc, awaited AddAsync(int, int)", Kind.RoundTrip, (p, _) => (t, n) => MeasureAsync(t, n, () => p.JsonRpc.AddAsync(1, 2))),
        ("StreamJsonRpc, awaited, 4 KiB byte[], int back", Kind.RoundTrip, (p, _) => (t, n) => MeasureAsync(t, n, () => p.JsonRpc.EchoLengthAsync(SmallBlock))),
        ("raw Socket Send 1 MiB, 8 B back (bulk baseline)", Kind.Bulk, (p, b) => (t, n) => Measure(t, n, () => p.RawBulk(b))),
        ("generated call, 1 MiB ReadOnlyMemory<byte>, long back", Kind.Bulk, (p, b) => (t, n) => Measure(t, n, () => p.Client.Length(b))),
        ("raw sendmsg with one descriptor, closed by the child", Kind.RoundTrip, (p, _) => (t, n) => Measure(t, n, () => p.RawPingPongWithDescriptor(SmallFile.Value))),
        ("generated call, Pass(SafeFileHandle? null): no descriptor", Kind.RoundTrip, (p, _) => (t, n) => Measure(t, n, () => p.Handles.Pass(null))),
        ("generated call, Pass(SafeFileHandle): one descriptor", Kind.RoundTrip, (p, _) => (t, n) => Measure(t, n, () => p.Handles.Pass(SmallFile.Value))),
        ("generated call, 64 MiB ReadOnlyMemory<byte>, long back", Kind.Huge, (p, _) => (t, n) => Measure(t, n, () => p.Handles.Length(Huge.Value.Bytes))),
        ("generated call, 64 MiB sealed memory file passed, long back", Kind.Huge, (p, _) => (t, n) => Measure(t, n, () => p.Handles.Size(Huge.Value.File))),
    ];

    private const int RoundTripBaseline = 0;
    private const int BulkBaseline = 7;
    private const int HugeBaseline = 12;

    /// <summary>Pairs (ours, StreamJsonRpc's) compared in the summary.</summary>
    private static readonly (int Ours, int Theirs, string What)[] PeerComparisons = [(2, 5, "awaited Add"), (4, 6, "4 KiB call")];

    /// <summary>Pairs (with, without) for the descriptor comparisons in the summary.</summary>
    private static readonly (int With, int Without, string What)[] DescriptorComparisons =
        [(11, 10, "one descriptor / none, same call"), (9, 0, "raw: one descriptor / none"), (11, 9, "one descriptor, generated / raw"), (12, 13, "64 MiB as bytes / as a memory file")];

    private enum Kind
    {
        RoundTrip,
        Bulk,
        Huge,
    }

    private static int CallsPerRound(Kind kind) => kind switch
    {
        Kind.RoundTrip => CallsPerRoundTrip,
        Kind.Bulk => BulkCallsPerRound,
        _ => HugeCallsPerRound,
    };

    private static int Baseline(Kind kind) => kind switch
    {
        Kind.RoundTrip => RoundTripBaseline,
        Kind.Bulk => BulkBaseline,
        _ => HugeBaseline,
    };

    public static int Run()
    {
        byte[] block = new byte[BlockSize];
        new Random(1).NextBytes(block);
        var results = Definitions.Select(d => new Result(d.Name, d.Kind != Kind.RoundTrip, d.Kind == Kind.Huge ? HugeSize : BlockSize)).ToArray();
        var clock = Stopwatch.StartNew();

        for (int session = 0; session < Sessions; session++)
        {
            using var peers = new Peers();
            var runs = Definitions.Select(d => new SessionRun(CallsPerRound(d.Kind), d.Bind(peers, block))).ToArray();

            // Warm up: JIT tiers, pools, socket buffers, the children's own JIT.
            foreach (SessionRun run in runs)
            {
                run.RunRound(record: false);
                run.RunRound(record: false);
            }

            for (int round = 0; round < RoundsPerSession; round++)
            {
                foreach (SessionRun run in runs)
                {
                    run.RunRound(record: true);
                }
            }

            for (int i = 0; i < runs.Length; i++)
            {
                results[i].AddSession(runs[i], runs[Baseline(Definitions[i].Kind)]);
            }
        }

        Print(results, clock.Elapsed);
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

    private static void MeasureAsync<T>(long[] ticks, int count, Func<ValueTask<T>> call) =>
        MeasureAsyncCore(ticks, count, call).GetAwaiter().GetResult();

    private static async Task MeasureAsyncCore<T>(long[] ticks, int count, Func<ValueTask<T>> call)
    {
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private static void MeasureAsync<T>(long[] ticks, int count, Func<Task<T>> call) =>
        MeasureAsync(ticks, count, () => new ValueTask<T>(call()));

    private static void Print(Result[] results, TimeSpan elapsed)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture,
            $"SocketPairGen quick benchmark: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"));
        Console.WriteLine(string.Create(culture,
            $"{Sessions} sessions x {RoundsPerSession} interleaved rounds, {elapsed.TotalSeconds:F1} s; every peer is a child process."));
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-54} {"median µs",10} {"sessions µs",15} {"vs raw",7} {"alloc B/call",13}");
        foreach (Result r in results)
        {
            string extra = r.Bulk ? string.Create(culture, $"  {r.BlockBytes / (r.Median * 1e-6) / 1e9:F2} GB/s") : "";
            Console.WriteLine(string.Create(culture,
                $"{r.Name,-54} {r.Median,10:F1} {r.Range,15} {r.Ratio,7:F2} {r.AllocatedPerCall,13:F1}{extra}"));
        }

        foreach (var (ours, theirs, what) in PeerComparisons)
        {
            Console.WriteLine(string.Create(culture,
                $"StreamJsonRpc / generated, {what}: {results[theirs].Median / results[ours].Median:F1}x (median over sessions {MedianOf(results[theirs].Medians.Zip(results[ours].Medians, (t, o) => t / o)):F1}x)"));
        }

        foreach (var (with, without, what) in DescriptorComparisons)
        {
            Console.WriteLine(string.Create(culture,
                $"{what}: {results[with].Median / results[without].Median:F2}x (median over sessions {MedianOf(results[with].Medians.Zip(results[without].Medians, (w, o) => w / o)):F2}x)"));
        }

        Console.WriteLine();
        Console.WriteLine("median µs: the median over sessions of each session's median call; sessions µs: the lowest and");
        Console.WriteLine("highest session medians; vs raw: the median over sessions of (scenario median / raw baseline median),");
        Console.WriteLine("against the 16-byte ping-pong for round trips, the raw 1 MiB send for bulk (for bulk, the");
        Console.WriteLine("throughput relative to raw is 1 / vs raw) and the 64 MiB call for the memory file; alloc B/call:");
        Console.WriteLine("bytes allocated by the process per call (a received descriptor is an object the caller owns).");
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One scenario in one session: its calls' durations and what they allocated.</summary>
    private sealed class SessionRun(int callsPerRound, Action<long[], int> run)
    {
        private readonly long[] _roundTicks = new long[callsPerRound];
        private readonly List<long> _ticks = new(callsPerRound * RoundsPerSession);

        public long Allocated { get; private set; }

        public long Calls { get; private set; }

        public double MedianMicroseconds
        {
            get
            {
                long[] sorted = [.. _ticks];
                Array.Sort(sorted);
                return sorted[sorted.Length / 2] * 1e6 / Stopwatch.Frequency;
            }
        }

        public void RunRound(bool record)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            run(_roundTicks, callsPerRound);
            long after = GC.GetTotalAllocatedBytes(precise: true);
            if (record)
            {
                Allocated += after - before;
                Calls += callsPerRound;
                _ticks.AddRange(_roundTicks);
            }
        }
    }

    /// <summary>One scenario over all sessions.</summary>
    private sealed class Result(string name, bool bulk, int blockBytes)
    {
        /// <summary>The block a bulk call moves, for its throughput.</summary>
        public int BlockBytes { get; } = blockBytes;

        private readonly List<double> _medians = [];
        private readonly List<double> _ratios = [];
        private long _allocated;
        private long _calls;

        public string Name { get; } = name;

        public bool Bulk { get; } = bulk;

        public double Median => MedianOf(_medians);

        public IReadOnlyList<double> Medians => _medians;

        public double Ratio => MedianOf(_ratios);

        public string Range => string.Create(CultureInfo.InvariantCulture, $"{_medians.Min():F1}-{_medians.Max():F1}");

        public double AllocatedPerCall => _calls == 0 ? 0 : (double)_allocated / _calls;

        public void AddSession(SessionRun run, SessionRun baseline)
        {
            double median = run.MedianMicroseconds;
            _medians.Add(median);
            _ratios.Add(median / baseline.MedianMicroseconds);
            _allocated += run.Allocated;
            _calls += run.Calls;
        }
    }
}
