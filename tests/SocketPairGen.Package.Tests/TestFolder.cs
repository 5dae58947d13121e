namespace SocketPairGen.Package.Tests;

/// <summary>A fresh folder outside the repository (so none of its build files apply), deleted on dispose.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"spg-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A subfolder, created.</summary>
    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed on a timeout may still be letting go of its files: the folder is in /tmp anyway.
        }
    }
}
