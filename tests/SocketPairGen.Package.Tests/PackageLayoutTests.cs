using System.IO.Compression;
using System.Xml.Linq;

namespace SocketPairGen.Package.Tests;

/// <summary>
/// What <c>dotnet pack SocketPairGen.sln</c> produces: one package, <c>SocketPairGen</c>, with the runtime in lib and the
/// Roslyn components in analyzers/dotnet/cs, no dependency for consumers, its readme and license, and a symbols package.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PackageLayoutTests(PackedPackage package)
{
    private static readonly string[] ExpectedAssemblies =
    [
        "lib/net10.0/SocketPairGen.dll",
        "analyzers/dotnet/cs/SocketPairGen.Analyzers.dll",
        "analyzers/dotnet/cs/SocketPairGen.CodeFixes.dll",
        "analyzers/dotnet/cs/SocketPairGen.Generator.dll",
    ];

    [Fact]
    public void PackingTheSolution_MakesOnlyTheSocketPairGenPackageAndItsSymbols()
    {
        package.AssertPacked();

        string[] packed = [.. package.PackedFiles().Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

        Assert.Equal([Path.GetFileName(package.PackagePath), Path.GetFileName(package.SymbolsPackagePath)], packed);
    }

    [Fact]
    public void Package_HoldsTheRuntimeAndTheRoslynComponentsAndNoOtherAssembly()
    {
        package.AssertPacked();
        using ZipArchive archive = ZipFile.OpenRead(package.PackagePath);
        string[] entries = [.. archive.Entries.Select(e => e.FullName)];

        string[] assemblies = [.. entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
        Assert.Equal(ExpectedAssemblies.Order(StringComparer.Ordinal), assemblies);
        Assert.Contains("lib/net10.0/SocketPairGen.xml", entries);
        Assert.Contains("PACKAGE.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && !e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal));
    }

    /// <summary>The diagnostics carry no help link until the project has a public home: the pages ship in the package.</summary>
    [Fact]
    public void Package_HoldsEveryRulePage()
    {
        package.AssertPacked();
        using ZipArchive archive = ZipFile.OpenRead(package.PackagePath);
        string[] entries = [.. archive.Entries.Select(e => e.FullName)];
        string[] pages = [.. Directory.GetFiles(Repository.Path(Path.Combine("analyzers", "docs")), "*.md").Select(Path.GetFileName)!];

        Assert.Contains("SPG0001.md", pages);
        Assert.Contains("README.md", pages);
        foreach (string page in pages)
        {
            Assert.Contains("docs/" + page, entries);
        }
    }

    [Fact]
    public void Nuspec_HasNoDependencyAndTheMetadataNuGetOrgShows()
    {
        package.AssertPacked();
        XElement metadata = ReadNuspec(package.PackagePath).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Equal("SocketPairGen", Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", (string?)Element("license").Attribute("type"));
        Assert.Equal("PACKAGE.md", Value("readme"));
        Assert.NotEmpty(Value("description"));
        Assert.NotEmpty(Value("authors"));
        Assert.Contains("source-generator", Value("tags").Split(' '));
        Assert.Equal("git", (string?)Element("repository").Attribute("type"));

        // One empty group: consumers get neither Microsoft.CodeAnalysis nor the analyzer projects as dependencies.
        XElement group = Assert.Single(Element("dependencies").Elements());
        Assert.Equal("group", group.Name.LocalName);
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        Assert.Empty(group.Elements());
    }

    [Fact]
    public void SymbolsPackage_HoldsTheRuntimePdb()
    {
        package.AssertPacked();
        Assert.True(File.Exists(package.SymbolsPackagePath), $"{package.SymbolsPackagePath} is missing.");
        using ZipArchive archive = ZipFile.OpenRead(package.SymbolsPackagePath);

        Assert.Contains("lib/net10.0/SocketPairGen.pdb", archive.Entries.Select(e => e.FullName));
    }

    private static XDocument ReadNuspec(string packagePath)
    {
        using ZipArchive archive = ZipFile.OpenRead(packagePath);
        ZipArchiveEntry nuspec = archive.Entries.Single(e => e.FullName == "SocketPairGen.nuspec");
        using Stream stream = nuspec.Open();
        return XDocument.Load(stream);
    }
}
