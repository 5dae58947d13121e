using System.Xml.Linq;

namespace SocketPairGen.Package.Tests;

/// <summary>Where the repository is and what it declares.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>SocketPairGen.sln</c>, found upwards from this test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string SolutionPath => System.IO.Path.Combine(Root, "SocketPairGen.sln");

    /// <summary>The one version of every project: <c>Version</c> in Directory.Build.props.</summary>
    public static string Version =>
        XDocument.Load(System.IO.Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    /// <summary>The full path of <paramref name="relativePath"/>, relative to the repository root.</summary>
    public static string Path(string relativePath) => System.IO.Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "SocketPairGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SocketPairGen.sln above {AppContext.BaseDirectory}.");
    }
}
