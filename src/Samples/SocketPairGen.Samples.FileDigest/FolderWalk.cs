namespace SocketPairGen.Samples.FileDigest;

/// <summary>The files under a folder, in a stable order, and how many entries had to be left out.</summary>
internal sealed class FolderWalk
{
    /// <summary>Build output and Git's store: large, generated, and not what anyone wants digested.</summary>
    private static readonly HashSet<string> SkippedFolderNames = new(StringComparer.Ordinal) { "bin", "obj", ".git" };

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false, // an unreadable folder is reported, not silently missing
        AttributesToSkip = 0,       // hidden files are files too
        ReturnSpecialDirectories = false,
    };

    private FolderWalk(List<FileEntry> files, int skipped)
    {
        Files = files;
        Skipped = skipped;
    }

    public IReadOnlyList<FileEntry> Files { get; }

    /// <summary>Entries not digested: unreadable folders and symbolic links (never followed: they can loop or lead outside).</summary>
    public int Skipped { get; }

    public long TotalBytes => Files.Sum(file => file.Length);

    public static FolderWalk Run(string root)
    {
        var files = new List<FileEntry>();
        int skipped = 0;
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.TryPop(out DirectoryInfo? folder))
        {
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. folder.EnumerateFileSystemInfos("*", OneLevel)];
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                skipped++;
                continue;
            }

            foreach (FileSystemInfo entry in entries)
            {
                if (SkippedFolderNames.Contains(entry.Name))
                {
                    continue; // a worktree's .git is a file: leave it out all the same
                }

                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    skipped++;
                }
                else if (entry is DirectoryInfo subfolder)
                {
                    pending.Push(subfolder);
                }
                else if (entry is FileInfo file)
                {
                    files.Add(new FileEntry(file.FullName, Path.GetRelativePath(root, file.FullName), file.Length));
                }
            }
        }

        files.Sort((left, right) => string.CompareOrdinal(left.RelativePath, right.RelativePath));
        return new FolderWalk(files, skipped);
    }
}
