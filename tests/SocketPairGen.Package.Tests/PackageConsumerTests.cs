using System.Text.RegularExpressions;

namespace SocketPairGen.Package.Tests;

/// <summary>
/// A console app outside the repository that references only the package, restored into a package folder of its own:
/// the generator makes its contract work between the app and itself as a child process, and the analyzers report its
/// one descriptor mistake.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class PackageConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    /// <summary>What ConsumerAssets/Program.cs.txt prints when every call returned what it should.</summary>
    private static readonly string[] ExpectedRunOutput =
    [
        "Add(2, 3) = 5",
        "SumAsync([1, 2, 3, 4]) = 10",
        "Describe(7) = seven",
        "DescribeAsync(-1) = minus one",
        "Divide(1, 0) threw = System.DivideByZeroException",
        "child exit code = 0",
    ];

    [Fact]
    public async Task ConsumerOfThePackage_BuildsWithTheDescriptorWarningAndRunsParentAndChild()
    {
        package.AssertPacked();
        using var folder = new TestFolder("consumer");
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ConsumerAssets", "Program.cs.txt"));
        string project = WriteConsumer(folder, source);
        string packages = folder.Sub("packages");

        ProcessResult build = await ProcessRunner.RunDotnetAsync(project, BuildTimeout,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages },
            "build", "Consumer.csproj", "-c", "Release");
        output.WriteLine($"consumer restore and build: {build.Elapsed.TotalSeconds:F1} s");

        Assert.True(build.ExitCode == 0, $"The consumer build failed ({build.ExitCode}):{Environment.NewLine}{ProcessRunner.Tail(build.Output)}");
        Assert.True(Directory.Exists(Path.Combine(packages, "socketpairgen", package.Version.ToLowerInvariant())),
            $"SocketPairGen {package.Version} was not restored into the consumer's own package folder {packages}.");
        Assert.True(ExpectedWarnings(source).SequenceEqual(ReportedWarnings(build.Output)),
            $"""
            Expected warnings (line: id): {string.Join(", ", ExpectedWarnings(source))}
            Reported (line: id, in Program.cs, or the whole line elsewhere): {string.Join(", ", ReportedWarnings(build.Output))}
            {ProcessRunner.Tail(build.Output)}
            """);

        string executable = Path.Combine(project, "bin", "Release", "net10.0", "Consumer");
        ProcessResult run = await ProcessRunner.RunAsync(executable, [], project, RunTimeout);
        output.WriteLine($"consumer run: {run.Elapsed.TotalSeconds:F1} s{Environment.NewLine}{run.Output}");

        Assert.True(run.ExitCode == 0, $"The consumer exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
        Assert.Equal(ExpectedRunOutput, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Writes the consumer under <paramref name="folder"/>; returns its project folder.</summary>
    private string WriteConsumer(TestFolder folder, string source)
    {
        // The folder is outside the repository; these stop the search for build files above it all the same.
        File.WriteAllText(Path.Combine(folder.Path, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder.Path, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder.Path, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);

        // Like the repository's nuget.config, no <clear/>: the machine's sources stay for anything else restore needs.
        File.WriteAllText(Path.Combine(folder.Path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="SocketPairGen.Test" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);

        string project = folder.Sub("Consumer");
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SocketPairGen" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), source);
        return project;
    }

    /// <summary>"line: id" for each <c>// expect:</c> marker of the consumer's source.</summary>
    private static List<string> ExpectedWarnings(string source) =>
        [.. source.Split('\n')
            .Select((line, index) => (Marker: ExpectMarker().Match(line), Line: index + 1))
            .Where(m => m.Marker.Success)
            .Select(m => $"{m.Line}: {m.Marker.Groups["id"].Value}")];

    /// <summary>
    /// "line: id" for each distinct warning in Program.cs, in order, then every other warning line in full: a package
    /// that adds warnings of its own (generated code, restore) fails the comparison too.
    /// </summary>
    private static List<string> ReportedWarnings(string buildOutput)
    {
        var inProgram = new List<string>();
        var elsewhere = new List<string>();

        // MSBuild prints each diagnostic twice (as it happens and in the summary): one per distinct text.
        foreach (string line in buildOutput.Split('\n').Select(l => l.Trim()).Distinct(StringComparer.Ordinal))
        {
            Match warning = WarningLine().Match(line);
            if (warning.Success && Path.GetFileName(warning.Groups["path"].Value) == "Program.cs")
            {
                inProgram.Add($"{warning.Groups["line"].Value}: {warning.Groups["id"].Value}");
            }
            else if (line.Contains(": warning ", StringComparison.Ordinal))
            {
                elsewhere.Add(line);
            }
        }

        return [.. inProgram, .. elsewhere];
    }

    [GeneratedRegex(@"// expect: (?<id>SPG\d{4})\s*$")]
    private static partial Regex ExpectMarker();

    [GeneratedRegex(@"^(?<path>.+?)\((?<line>\d+),(?<column>\d+)\): warning (?<id>[A-Z]+\d+): ")]
    private static partial Regex WarningLine();
}
