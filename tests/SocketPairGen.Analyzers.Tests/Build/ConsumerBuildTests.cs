using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SocketPairGen.Tests.Shared;

namespace SocketPairGen.Analyzers.Tests.Build;

/// <summary>
/// The analyzer in a real <c>dotnet build</c> of a consumer project outside the repository, referenced the way the
/// package delivers it (as an analyzer, not as an assembly reference): every contract rule reported on the line the
/// consumer source marks, and nothing else.
/// </summary>
[Trait("Category", "Build")]
public partial class ConsumerBuildTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif


    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ConsumerWithOneViolationOfEachRule_BuildReportsExactlyThoseOnTheirLines()
    {
        string repository = RepositoryRoot();
        string source = File.ReadAllText(Path.Combine(ThisFolder(), "ConsumerAssets", "Contracts.cs.txt"));
        string consumer = Path.Combine(Path.GetTempPath(), "spg-consumer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(consumer);
        try
        {
            WriteConsumer(consumer, repository, source);

            // Configuration as this test assembly's: the referenced projects are then already built and up to date.
            // RestoreRecursive=false: restore (which ignores GlobalPropertiesToRemove) would otherwise rewrite their
            // obj folders with the consumer's TreatWarningsAsErrors.
            (int exitCode, string output) = await DotnetCli.RunAsync(consumer, BuildTimeout,
                "build", "Consumer.csproj", "-nologo", "-v:q", "-p:TreatWarningsAsErrors=false", "-c", Configuration,
                "-p:RestoreRecursive=false", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary");

            List<string> expected = ExpectedDiagnostics(source);
            List<string> errors = ReportedErrors(output, out List<string> otherErrors);
            if (!expected.SequenceEqual(errors) || otherErrors.Count > 0)
            {
                Assert.Fail($"""
                    Expected (line: id):
                      {string.Join(Environment.NewLine + "  ", expected)}
                    Reported in Contracts.cs:
                      {string.Join(Environment.NewLine + "  ", errors)}
                    Other errors:
                      {string.Join(Environment.NewLine + "  ", otherErrors)}
                    dotnet build (exit code {exitCode}):
                    {output}
                    """);
            }

            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            Directory.Delete(consumer, recursive: true);
        }
    }

    private static void WriteConsumer(string folder, string repository, string source)
    {
        string runtime = Path.Combine(repository, "src", "SocketPairGen", "SocketPairGen.csproj");
        string analyzers = Path.Combine(repository, "analyzers", "SocketPairGen.Analyzers", "SocketPairGen.Analyzers.csproj");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{runtime}" GlobalPropertiesToRemove="TreatWarningsAsErrors" />
                <ProjectReference Include="{analyzers}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" GlobalPropertiesToRemove="TreatWarningsAsErrors" />
              </ItemGroup>
            </Project>
            """);

        // TreatWarningsAsErrors=false is for the consumer: the repository's projects build as they always do.
        // A temporary folder may sit under a folder with its own build files: these stop the search here.
        ConsumerFolder.WriteBuildIsolation(folder);

        // Like the repository's nuget.config, no <clear/>: the machine's sources stay. The repository's local feed is
        // left out: only project references are used.
        ConsumerFolder.WriteNoExtraPackageSources(folder);
        File.WriteAllText(Path.Combine(folder, "Contracts.cs"), source);
    }

    /// <summary>"line: id" for each id of each <c>// expect:</c> marker, sorted.</summary>
    private static List<string> ExpectedDiagnostics(string source)
    {
        string[] lines = source.Split('\n');
        var expected = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = ExpectMarker().Match(lines[i]);
            if (marker.Success)
            {
                expected.AddRange(marker.Groups["ids"].Value
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(id => Entry(i + 1, id)));
            }
        }

        expected.Sort(StringComparer.Ordinal);
        return expected;
    }

    /// <summary>"line: id" for each SPG error reported in Contracts.cs, sorted; any other error goes to <paramref name="otherErrors"/>.</summary>
    private static List<string> ReportedErrors(string output, out List<string> otherErrors)
    {
        var reported = new List<string>();
        otherErrors = [];

        // MSBuild may print a diagnostic more than once (per logger, in the summary): one per distinct text.
        foreach (string line in output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal))
        {
            Match match = DiagnosticLine().Match(line);
            if (match.Success && match.Groups["id"].Value.StartsWith("SPG", StringComparison.Ordinal)
                && Path.GetFileName(match.Groups["path"].Value) == "Contracts.cs")
            {
                reported.Add(Entry(int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["id"].Value));
            }
            else if (match.Success || line.Contains(": error ", StringComparison.Ordinal))
            {
                otherErrors.Add(line);
            }
        }

        reported.Sort(StringComparer.Ordinal);
        return reported;
    }

    private static string Entry(int line, string id) => $"{line,3}: {id}";

    [GeneratedRegex(@"// expect:(?<ids>( SPG\d{4})+)\s*$")]
    private static partial Regex ExpectMarker();

    [GeneratedRegex(@"^(?<path>.+?)\((?<line>\d+),(?<column>\d+)\): error (?<id>[A-Z]+\d+): ")]
    private static partial Regex DiagnosticLine();

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", ".."));
}
