using System.Globalization;
using System.Runtime.CompilerServices;
using SocketPairGen.Tests.Shared;
using Xunit.Abstractions;

namespace SocketPairGen.Generator.Tests.Cost;

/// <summary>
/// What the generated code costs a consumer to compile: the <see cref="LargeConsumer"/> project (200 contracts x 20
/// methods) built as a real project, alternating with and without the generator, without the compiler server (each
/// build starts a fresh compiler, as the issue's figures were taken) and then with it; medians of each. One more
/// build with <c>-p:ReportAnalyzer=true</c> gives the generator's own time, and its output files give the number of
/// generated lines. Without the server, the CPU time of each build's processes is reported too: on a machine that
/// other work loads, it moves far less than the wall-clock times. Measured only when
/// <c>SOCKETPAIRGEN_MEASURE_GENERATOR_COST=1</c> (it builds a large project about fifteen times, several minutes);
/// otherwise it is reported as skipped. It asserts only what makes the figures meaningful (every contract generated,
/// the generator found in the report); the figures go to the test output.
/// </summary>
[Trait("Category", "Cost")]
[Collection(nameof(ScaleCollection))]
public class GeneratorCostTests(ITestOutputHelper output)
{
    public const string EnvironmentVariable = "SOCKETPAIRGEN_MEASURE_GENERATOR_COST";

    /// <summary>Optional: how many rounds of each A/B series (default <see cref="DefaultRounds"/>).</summary>
    public const string RoundsVariable = "SOCKETPAIRGEN_MEASURE_GENERATOR_ROUNDS";

    private const int DefaultRounds = 3;
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [MeasuredFact]
    public async Task TwoHundredContracts_CompileTimeWithAndWithoutTheGenerator()
    {
        int rounds = int.TryParse(Environment.GetEnvironmentVariable(RoundsVariable), CultureInfo.InvariantCulture, out int r) && r > 0 ? r : DefaultRounds;
        string consumer = Path.Combine(Path.GetTempPath(), "spg-generator-cost-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(consumer);
        try
        {
            WriteConsumer(consumer);
            // Other processes' load skews every figure: it is printed, so a reader can judge a run.
            Summary($"load average at the start: {LoadAverage()}");
            string[] common = ["build", "Consumer.csproj", "-nologo", "-c", Configuration, "-tl:off", "-nodeReuse:false", "-p:RestoreRecursive=false"];
            // The measured builds compile the consumer alone: the runtime and the generator are built once, here. In one
            // MSBuild process (-m:1), so that csc is a child the CLI waits for and its CPU time is counted.
            string[] measured = [.. common, "--no-incremental", "-p:BuildProjectReferences=false", "-m:1", "-clp:PerformanceSummary"];

            await BuildAsync(consumer, [.. common, "-v:q", "-clp:NoSummary"], "warm-up");

            // Outside the project folder: there, the files would be compiled as sources by every later build, and the
            // builds without the generator would compile the generated code all the same.
            string generatedFolder = consumer + "-generated";
            BuildLog report = await BuildAsync(consumer,
                [.. measured, "-p:UseSharedCompilation=false", "-p:ReportAnalyzer=true", "-p:EmitCompilerGeneratedFiles=true",
                    $"-p:CompilerGeneratedFilesOutputPath={generatedFolder}", "-v:detailed"],
                "with the generator, ReportAnalyzer");
            string[] generatedFiles = Directory.GetFiles(generatedFolder, "*.g.cs", SearchOption.AllDirectories);
            long generatedLines = generatedFiles.Sum(f => (long)File.ReadAllLines(f).Length);
            int methods = LargeConsumer.ContractCount * LargeConsumer.MethodsPerContract;

            Summary($"{LargeConsumer.ContractCount} contracts x {LargeConsumer.MethodsPerContract} methods ({Configuration}): "
                + $"{generatedFiles.Length} generated files, {generatedLines:N0} lines ({(double)generatedLines / methods:F1} per method)");
            Summary($"ReportAnalyzer build: Csc {report.CscMilliseconds:F0} ms, SocketPairGen.Generator {report.GeneratorSeconds * 1000:F0} ms "
                + $"({report.GeneratorSeconds * 1000 / report.CscMilliseconds:P1} of the compile)");

            (double withMedian, double withoutMedian) = await AlternateAsync(consumer, measured, "-p:UseSharedCompilation=false", rounds, "no compiler server");
            Summary($"generator's own share of the time the generated code adds (no server): {report.GeneratorSeconds * 1000 / (withMedian - withoutMedian):P1}");

            // The server's first compile of each side pays for loading; one build of each warms it.
            await BuildAsync(consumer, [.. measured, "-p:UseSharedCompilation=true", "-v:m"], "compiler server warm-up (with)");
            await BuildAsync(consumer, [.. measured, "-p:UseSharedCompilation=true", "-p:SocketPairGenGenerator=false", "-v:m"], "compiler server warm-up (without)");
            await AlternateAsync(consumer, measured, "-p:UseSharedCompilation=true", rounds, "compiler server");

            Summary($"load average at the end: {LoadAverage()}");

            Assert.Equal(LargeConsumer.ContractCount, generatedFiles.Length);
            Assert.True(report.GeneratorSeconds > 0, "SocketPairGen.Generator was not found in the ReportAnalyzer output; see the log above.");
        }
        finally
        {
            Directory.Delete(consumer, recursive: true);
            if (Directory.Exists(consumer + "-generated"))
            {
                Directory.Delete(consumer + "-generated", recursive: true);
            }
        }
    }

    /// <summary>Builds <paramref name="rounds"/> times with and without the generator, alternating (and alternating
    /// which goes first), and reports both medians and the difference.</summary>
    private async Task<(double WithMedian, double WithoutMedian)> AlternateAsync(string consumer, string[] measured, string server, int rounds, string label)
    {
        var with = new List<double>();
        var without = new List<double>();
        var withCpu = new List<double>();
        var withoutCpu = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            bool withFirst = round % 2 == 0;
            foreach (bool generator in new[] { withFirst, !withFirst })
            {
                string[] arguments = [.. measured, server, $"-p:SocketPairGenGenerator={(generator ? "true" : "false")}", "-v:m"];
                double? cpuBefore = ChildCpuTime.Seconds();
                BuildLog build = await BuildAsync(consumer, arguments, $"{label}, {(generator ? "with" : "without")} the generator, round {round + 1}");
                (generator ? with : without).Add(build.CscMilliseconds);
                if (cpuBefore is { } before && ChildCpuTime.Seconds() is { } after)
                {
                    (generator ? withCpu : withoutCpu).Add(after - before);
                }
            }
        }

        double withMedian = BuildLog.Median(with), withoutMedian = BuildLog.Median(without);
        Summary($"{label}: Csc with the generator    {withMedian,8:F0} ms (median of {rounds}: {Join(with)})");
        Summary($"{label}: Csc without the generator {withoutMedian,8:F0} ms (median of {rounds}: {Join(without)})");
        Summary($"{label}: added by the generated code {withMedian - withoutMedian,8:F0} ms ({withMedian / withoutMedian:F1}x the compile without)");
        // The compiler server's work is done in a process the build does not wait for: CPU time only without it.
        if (server.EndsWith("false", StringComparison.Ordinal) && withCpu.Count == rounds && withoutCpu.Count == rounds)
        {
            double cpuWith = BuildLog.Median(withCpu), cpuWithout = BuildLog.Median(withoutCpu);
            Summary($"{label}: CPU time of the whole build with the generator    {cpuWith,7:F1} s (median of {rounds}: {Join(withCpu, "F1")})");
            Summary($"{label}: CPU time of the whole build without the generator {cpuWithout,7:F1} s (median of {rounds}: {Join(withoutCpu, "F1")})");
            Summary($"{label}: CPU time added by the generated code {cpuWith - cpuWithout,7:F1} s");
        }

        return (withMedian, withoutMedian);
    }

    private static string Join(List<double> values, string format = "F0") =>
        string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));

    private async Task<BuildLog> BuildAsync(string consumer, string[] arguments, string label)
    {
        (int exitCode, string log) = await DotnetCli.RunAsync(consumer, BuildTimeout, arguments);
        Assert.True(exitCode == 0, $"The build '{label}' failed:{Environment.NewLine}{BuildLog.Tail(log)}");
        if (label.Contains("ReportAnalyzer", StringComparison.Ordinal))
        {
            output.WriteLine(BuildLog.ReportSection(log));
        }

        return arguments.Contains("-clp:PerformanceSummary") ? BuildLog.Parse(log) : BuildLog.Empty;
    }

    private void Summary(object line)
    {
        output.WriteLine(line.ToString());
        Console.WriteLine(line);
    }

    /// <summary>The consumer: its own build files (nothing of the repository's settings leaks in), the runtime as a
    /// project reference, the generator as an analyzer unless <c>SocketPairGenGenerator=false</c>.</summary>
    private static void WriteConsumer(string folder)
    {
        string repository = Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", ".."));
        string runtime = Path.Combine(repository, "src", "SocketPairGen", "SocketPairGen.csproj");
        string generator = Path.Combine(repository, "src", "SocketPairGen.Generator", "SocketPairGen.Generator.csproj");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{runtime}" GlobalPropertiesToRemove="ReportAnalyzer;EmitCompilerGeneratedFiles;CompilerGeneratedFilesOutputPath;SocketPairGenGenerator" />
                <ProjectReference Include="{generator}" Condition="'$(SocketPairGenGenerator)' != 'false'" OutputItemType="Analyzer" ReferenceOutputAssembly="false"
                                  GlobalPropertiesToRemove="ReportAnalyzer;EmitCompilerGeneratedFiles;CompilerGeneratedFilesOutputPath;SocketPairGenGenerator" />
              </ItemGroup>
            </Project>
            """);
        ConsumerFolder.WriteBuildIsolation(folder);
        ConsumerFolder.WriteNoExtraPackageSources(folder);
        foreach ((string path, string text) in LargeConsumer.Files())
        {
            File.WriteAllText(Path.Combine(folder, path), text);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
