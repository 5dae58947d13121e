using System.Globalization;
using SocketPairGen.Fuzzing.Replay;
using SocketPairGen.Fuzzing.Targets;

namespace SocketPairGen.Fuzzing;

/// <summary>
/// The fuzzing program. Commands:
/// <code>
/// replay TARGET [--mutations N] [--seed S] [--out DIR] [--findings skip]
///                                                           seeds, Findings/TARGET and N mutations (CI)
/// replay TARGET --input FILE [--input FILE ...] [--out DIR]   only these inputs (triage)
/// seeds TARGET DIR                                          writes the seed corpus (AFL's input folder)
/// afl TARGET                                                runs under afl-fuzz (run-afl.sh)
/// </code>
/// TARGET is server, client, handshake or descriptors.
/// </summary>
internal static class Program
{
    private const int DefaultMutations = 1500;
    private const int DefaultSeed = 10;

    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: SocketPairGen.Fuzzing (replay|seeds|afl) (server|client|handshake|descriptors) [options]");
            return 64;
        }

        TraceBuffer.EnsureAllocated();
        IFuzzTarget target = TargetRegistry.Create(args[1]);
        switch (args[0])
        {
            case "replay":
                return Replay(target, args[2..]);
            case "seeds":
                return WriteSeeds(target, args.Length > 2 ? args[2] : throw new ArgumentException("seeds needs a folder."));
            case "afl":
                AflEntry.Run(target);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{args[0]}'.");
                return 64;
        }
    }

    private static int Replay(IFuzzTarget target, string[] options)
    {
        int mutations = DefaultMutations;
        int seed = DefaultSeed;
        string output = Path.Combine(Path.GetTempPath(), "socketpairgen-fuzz-findings");
        bool withFindings = true;
        var inputs = new List<string>();
        for (int i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--mutations":
                    mutations = int.Parse(options[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(options[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = options[i + 1];
                    break;
                case "--findings":
                    withFindings = options[i + 1] != "skip";
                    break;
                case "--input":
                    inputs.Add(options[i + 1]);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{options[i]}'.");
            }
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) => ReplayRunner.ReportCrash((Exception)e.ExceptionObject);
        var runner = new ReplayRunner(target, output);
        return inputs.Count > 0 ? runner.RunFiles(inputs) : runner.RunAll(mutations, seed, withFindings);
    }

    private static int WriteSeeds(IFuzzTarget target, string folder)
    {
        Directory.CreateDirectory(folder);
        IReadOnlyList<FuzzInput> seeds = target.BuildSeeds();
        foreach (FuzzInput seed in seeds)
        {
            File.WriteAllBytes(Path.Combine(folder, seed.Name + ".bin"), seed.Bytes);
        }

        Console.WriteLine($"{target.Name}: wrote {seeds.Count} seeds to {folder}");
        return 0;
    }
}
