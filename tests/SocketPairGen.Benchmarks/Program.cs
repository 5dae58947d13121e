using BenchmarkDotNet.Running;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/SocketPairGen.Benchmarks</c> runs the BenchmarkDotNet suite (pass
/// BenchmarkDotNet arguments after <c>--</c>, for example <c>--filter *RoundTrip*</c>);
/// <c>-- --quick</c> runs the quick mode: under a minute, ratios against the raw baseline from one run.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // BenchmarkDotNet runs each benchmark in a process of its own, built elsewhere: tell it where the child is.
        Environment.SetEnvironmentVariable(Peers.ChildPathVariable, Peers.ChildPath);

        if (args.Contains("--quick"))
        {
            return QuickMode.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
