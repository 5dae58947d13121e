namespace SocketPairGen.Samples.FileDigest;

/// <summary>What a supervisor run produced: a record per digested file, and the figures for the summary.</summary>
internal sealed class RunResults(IReadOnlyList<FileEntry> files, int skippedByWalk)
{
    public IReadOnlyList<FileEntry> Files { get; } = files;

    /// <summary>The worker's answer for each file of <see cref="Files"/>; null for a file not digested.</summary>
    public DigestRecord?[] Records { get; } = new DigestRecord?[files.Count];

    /// <summary>Which files of <see cref="Files"/> could not be read (so a missing record is not a lost one).</summary>
    public bool[] Unreadable { get; } = new bool[files.Count];

    public int FilesDigested { get; private set; }

    public long BytesDigested { get; private set; }

    /// <summary>The files handled so far, digested or skipped.</summary>
    public int FilesDone { get; private set; }

    /// <summary>Unreadable files and folders, symbolic links, special files.</summary>
    public int Skipped { get; private set; } = skippedByWalk;

    public int Restarts { get; set; }

    /// <summary>Files went to the workers as descriptors, not as bytes.</summary>
    public bool PassDescriptors { get; init; }

    /// <summary>The round-trip time of every call that completed, in microseconds.</summary>
    public List<double> CallLatencies { get; } = [];

    public TimeSpan Elapsed { get; set; }

    /// <summary>How many workers started, and the time they took to start (spawn to first answer), all together.</summary>
    public int WorkersStarted { get; private set; }

    public TimeSpan WorkerStartup { get; private set; }

    /// <summary>The run's time without the workers' start-ups: what the digests took.</summary>
    public TimeSpan DigestTime => Elapsed > WorkerStartup ? Elapsed - WorkerStartup : TimeSpan.Zero;

    public void AddWorkerStartup(TimeSpan startup)
    {
        WorkersStarted++;
        WorkerStartup += startup;
    }

    /// <summary>Why the run stopped early, or null when every file was handled.</summary>
    public string? Failure { get; set; }

    public void AddDigest(int index, DigestRecord record)
    {
        Records[index] = record;
        FilesDigested++;
        FilesDone++;
        BytesDigested += record.ByteCount;
    }

    public void AddUnreadable(int index)
    {
        Unreadable[index] = true;
        Skipped++;
        FilesDone++;
    }
}
