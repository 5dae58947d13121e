namespace SocketPairGen.Package.Tests;

/// <summary>
/// <c>dotnet pack SocketPairGen.sln</c>, once for the tests of <see cref="PackageCollection"/>, into the repository's
/// local feed <c>artifacts/packages</c>. The package gets a version of its own (the repository's version with a
/// unique prerelease label), so no package cache can serve an older build under it and the packages already in the
/// feed are told apart; the fixture deletes what it packed at the end. The build goes to a temporary artifacts
/// folder: the repository's bin and obj folders, which other test projects use meanwhile, are not touched.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    private readonly TestFolder _folder = new("pack");

    public PackedPackage()
    {
        Version = $"{Repository.Version}-test-{Guid.NewGuid():N}";
        Feed = Repository.Path(Path.Combine("artifacts", "packages"));
    }

    /// <summary>The version the package was packed with.</summary>
    public string Version { get; }

    /// <summary>The folder <c>dotnet pack</c> wrote to: a package source for consumers.</summary>
    public string Feed { get; }

    public string PackagePath => Path.Combine(Feed, $"SocketPairGen.{Version}.nupkg");

    public string SymbolsPackagePath => Path.Combine(Feed, $"SocketPairGen.{Version}.snupkg");

    /// <summary>What <c>dotnet pack</c> printed and how it exited.</summary>
    internal ProcessResult Pack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pack = await ProcessRunner.RunDotnetAsync(Repository.Root, PackTimeout, environment: null,
            "pack", Repository.SolutionPath, "-c", "Release", "-o", Feed,
            $"-p:PackageVersion={Version}",
            "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(_folder.Path, "artifacts")}");
    }

    /// <summary>Every file in the feed that this fixture's pack wrote (any package name, this run's version).</summary>
    public string[] PackedFiles() =>
        Directory.Exists(Feed) ? Directory.GetFiles(Feed, $"*.{Version}.*") : [];

    /// <summary>Fails the calling test with the pack output unless the pack succeeded.</summary>
    public void AssertPacked() =>
        Assert.True(Pack.ExitCode == 0 && File.Exists(PackagePath),
            $"dotnet pack exited with {Pack.ExitCode}; {PackagePath} exists: {File.Exists(PackagePath)}{Environment.NewLine}{ProcessRunner.Tail(Pack.Output)}");

    public Task DisposeAsync()
    {
        foreach (string packed in PackedFiles())
        {
            File.Delete(packed);
        }

        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The tests that share one packed package (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "Packed package";
}
