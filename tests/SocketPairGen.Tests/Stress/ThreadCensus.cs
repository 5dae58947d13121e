namespace SocketPairGen.Tests.Stress;

/// <summary>
/// The threads of this process that channels, children and the stress workers start, from /proc/self/task (a
/// thread's name is its comm, cut to 15 bytes). The runtime's own pool and timer threads come and go with load, so
/// only threads named by this library ("SocketPairGen …") or by the tests ("Stress …") are counted.
/// </summary>
internal static class ThreadCensus
{
    private static readonly string[] CountedPrefixes = ["SocketPairGen", "Stress "];

    /// <summary>Every counted thread as "tid name".</summary>
    public static HashSet<string> Take()
    {
        var threads = new HashSet<string>(StringComparer.Ordinal);
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            string? name = TryReadName(task);
            if (name is not null && CountedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                threads.Add($"{Path.GetFileName(task)} {name}");
            }
        }

        return threads;
    }

    private static string? TryReadName(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            return null; // the thread ended since the listing
        }
    }
}
