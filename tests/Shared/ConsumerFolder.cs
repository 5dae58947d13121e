namespace SocketPairGen.Tests.Shared;

/// <summary>The files that keep a consumer project written by a test out of the repository's build settings.</summary>
internal static class ConsumerFolder
{
    /// <summary>Empty <c>Directory.Build.props</c>/<c>.targets</c> and a <c>Directory.Packages.props</c> without central
    /// package versions: nothing of the repository's settings (warnings as errors, versions) leaks into the consumer.</summary>
    public static void WriteBuildIsolation(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>A <c>nuget.config</c> that adds no source: a consumer of project references restores from the machine's.</summary>
    public static void WriteNoExtraPackageSources(string folder) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
              </packageSources>
            </configuration>
            """);
}
