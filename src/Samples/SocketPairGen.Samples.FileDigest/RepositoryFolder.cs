namespace SocketPairGen.Samples.FileDigest;

/// <summary>Finds the folder to digest when none is given: the SocketPairGen repository this sample lives in.</summary>
internal static class RepositoryFolder
{
    private const string MarkerFile = "SocketPairGen.sln";

    /// <summary>
    /// The nearest folder holding SocketPairGen.sln above the current directory, else above the program's own
    /// folder (a published binary run from elsewhere), else the current directory.
    /// </summary>
    public static string Find() =>
        FindAbove(Environment.CurrentDirectory) ?? FindAbove(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;

    private static string? FindAbove(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Join(folder.FullName, MarkerFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
