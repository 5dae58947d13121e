using System.Runtime.CompilerServices;

namespace SocketPairGen.Generator.Tests;

/// <summary>Finds files of this test project and of the repository through the path this file was compiled from.</summary>
internal static class TestFiles
{
    public static string ProjectDirectory { get; } = Path.GetDirectoryName(ThisFile())!;

    public static string SnapshotDirectory => Path.Combine(ProjectDirectory, "Snapshots");

    public static string InputDirectory => Path.Combine(SnapshotDirectory, "Inputs");

    /// <summary>The names of the snapshot inputs (<c>Snapshots/Inputs/&lt;Name&gt;.cs</c>), sorted.</summary>
    public static IEnumerable<string> InputNames =>
        Directory.EnumerateFiles(InputDirectory, "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string ReadInput(string name) => File.ReadAllText(Path.Combine(InputDirectory, name + ".cs"));

    /// <summary>The all-types contract of the TestContracts project, with the implicit usings that project gets.</summary>
    public static (string Path, string Text)[] EverythingContract() => TestContract("IEverything.cs", "WireTypes.cs");

    /// <summary>Files of the TestContracts project, with the implicit usings that project gets.</summary>
    public static (string Path, string Text)[] TestContract(params string[] files)
    {
        string folder = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", "SocketPairGen.TestContracts"));
        return
        [
            ("GlobalUsings.cs", GeneratorHarness.ImplicitUsings),
            .. files.Select(file => (Path.Combine(folder, file), File.ReadAllText(Path.Combine(folder, file)))),
        ];
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
