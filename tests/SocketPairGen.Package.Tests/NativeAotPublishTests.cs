using System.Text.RegularExpressions;

namespace SocketPairGen.Package.Tests;

/// <summary>
/// The sample published with NativeAOT, as the README tells users to: the runtime and the generated code draw no trim
/// or AOT warning, and the native executable works.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class NativeAotPublishTests(ITestOutputHelper output)
{
    /// <summary>The sample to publish, relative to the repository root.</summary>
    private const string SampleProject = "src/Samples/SocketPairGen.Samples.FileDigest/SocketPairGen.Samples.FileDigest.csproj";

    /// <summary>
    /// The published sample's run: it digests the runtime's sources in a sandboxed worker, kills the first worker
    /// halfway through on purpose, and then recomputes every digest itself to verify that none was lost.
    /// </summary>
    private static readonly string[] SampleArguments = [Repository.Path("src/SocketPairGen"), "--crash-once", "--verify"];

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The run is the sample's own end-to-end check: it spawns itself as a child process, digests files over the
    /// generated channel, restarts the worker it crashed, and exits 0 only when every digest verified.
    /// </summary>
    [Fact]
    public async Task Sample_PublishedWithNativeAot_HasNoTrimOrAotWarningAndRuns()
    {
        using var folder = new TestFolder("aot");
        string publishFolder = folder.Sub("publish");

        // Its own artifacts folder: the repository's bin and obj folders, which other test projects use meanwhile, stay
        // as they are.
        ProcessResult publish = await ProcessRunner.RunDotnetAsync(Repository.Root, PublishTimeout, environment: null,
            "publish", Repository.Path(SampleProject), "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
            "-o", publishFolder, "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(folder.Path, "artifacts")}");
        output.WriteLine($"dotnet publish (NativeAOT): {publish.Elapsed.TotalSeconds:F1} s");

        Assert.True(publish.ExitCode == 0, $"dotnet publish failed ({publish.ExitCode}):{Environment.NewLine}{ProcessRunner.Tail(publish.Output)}");
        string[] aotWarnings = [.. publish.Output.Split('\n').Select(l => l.Trim()).Where(l => TrimOrAotWarning().IsMatch(l)).Distinct(StringComparer.Ordinal)];
        Assert.True(aotWarnings.Length == 0, $"Trim or AOT warnings:{Environment.NewLine}{string.Join(Environment.NewLine, aotWarnings)}");

        string executable = Path.Combine(publishFolder, Path.GetFileNameWithoutExtension(SampleProject));
        Assert.True(IsNativeExecutable(executable), $"{executable} is not an ELF executable.");
        Assert.False(File.Exists(executable + ".dll"), "The publish folder holds a managed assembly of the sample: not a NativeAOT publish.");

        // Once with the contents as bytes, once with each file passed as a descriptor (the worker opens no path).
        foreach (string[] arguments in new[] { SampleArguments, [.. SampleArguments, "--pass-descriptors"] })
        {
            ProcessResult run = await ProcessRunner.RunAsync(executable, arguments, folder.Path, RunTimeout);
            output.WriteLine($"native run ({string.Join(' ', arguments[1..])}): {run.Elapsed.TotalSeconds:F1} s{Environment.NewLine}{run.Output}");

            Assert.True(run.ExitCode == 0, $"The native sample exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
            Assert.Contains("restarting", run.Output, StringComparison.Ordinal);
            Assert.Matches(arguments.Contains("--pass-descriptors") ? "content sent as +descriptors" : "content sent as +bytes", run.Output);
            Match verified = VerifiedLine().Match(run.Output);
            Assert.True(verified.Success, "No verification line in the output:" + Environment.NewLine + run.Output);
            Assert.Equal(verified.Groups["all"].Value, verified.Groups["good"].Value);
            Assert.True(int.Parse(verified.Groups["all"].Value, System.Globalization.CultureInfo.InvariantCulture) > 20, "Too few files digested.");
        }
    }

    private static bool IsNativeExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[4];
        using FileStream file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic.SequenceEqual((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']);
    }

    [GeneratedRegex(@"verified (?<good>\d+) of (?<all>\d+) digests")]
    private static partial Regex VerifiedLine();

    /// <summary>IL2xxx (trimming) and IL3xxx (AOT, single file) warnings, from the analyzers or from ILC.</summary>
    [GeneratedRegex(@"warning IL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
