namespace SocketPairGen.Tests;

/// <summary>What /proc says about other processes.</summary>
internal static class ProcessTable
{
    /// <summary>
    /// Whether <paramref name="pid"/> is a zombie. A reaped child's /proc entry is gone; if the pid was already
    /// reused, the new process is not a zombie of ours either.
    /// </summary>
    public static bool IsZombie(int pid) => State(pid) is "Z";

    /// <summary>The one-letter state from /proc/pid/status ("S", "Z", ...), or null when there is no such process.</summary>
    public static string? State(int pid)
    {
        string? line = StatusLine(pid, "State:");
        return line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
    }

    /// <summary>A field of /proc/pid/status without its name, or null when the process is gone.</summary>
    public static string? StatusLine(int pid, string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return line[field.Length..].Trim();
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null; // DirectoryNotFoundException / FileNotFoundException: gone
        }
    }

    /// <summary>
    /// The descriptor table of <paramref name="pid"/> (fd → link target) once it holds exactly
    /// <paramref name="expected"/>, or as last seen after the timeout. Polling rides out descriptors a starting
    /// program opens and closes again (sleep reads its locale); a leaked descriptor stays and still fails.
    /// </summary>
    public static async Task<Dictionary<int, string>> StableDescriptorsAsync(int pid, int[] expected)
    {
        var deadline = DateTime.UtcNow + SocketText.Timeout;
        while (true)
        {
            var table = new Dictionary<int, string>();
            foreach (string entry in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
            {
                string? target = TryLinkTarget(entry);
                if (target is not null)
                {
                    table[int.Parse(Path.GetFileName(entry), System.Globalization.CultureInfo.InvariantCulture)] = target;
                }
            }

            if (table.Keys.Order().SequenceEqual(expected.Order()) || DateTime.UtcNow > deadline)
            {
                return table;
            }

            await Task.Delay(20);
        }
    }

    private static string? TryLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed since the listing
        }
    }
}
