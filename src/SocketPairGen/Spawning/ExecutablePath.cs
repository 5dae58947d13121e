using SocketPairGen.Interop;

namespace SocketPairGen.Spawning;

/// <summary>
/// Finds the file to execute. A name without '/' is looked up in the PATH of the .NET environment, not in
/// libc's <c>environ</c> (which misses variables .NET set), so <c>posix_spawn</c> gets an absolute path and
/// <c>posix_spawnp</c> is never needed.
/// </summary>
internal static class ExecutablePath
{
    /// <summary>The absolute path of <paramref name="fileName"/>.</summary>
    /// <exception cref="FileNotFoundException">A bare name matched no executable file in any PATH directory.</exception>
    public static string Resolve(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            // Relative to the parent's directory, like Process.Start, not to the child's working directory
            // (posix_spawn changes directory before it executes).
            return Path.GetFullPath(fileName);
        }

        // glibc's execvp uses this search path when PATH is unset.
        string searchPath = Environment.GetEnvironmentVariable("PATH") ?? "/bin:/usr/bin";
        foreach (string directory in searchPath.Split(':'))
        {
            // An empty entry means "the current directory" to execvp; running whatever sits in the current
            // directory by accident is a classic hole, so it is skipped.
            if (directory.Length == 0)
            {
                continue;
            }

            string candidate = Path.GetFullPath(Path.Join(directory, fileName));
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Cannot start '{fileName}': no executable file of that name in any directory of PATH ({searchPath}): ENOENT.",
            fileName);
    }

    // A regular file (not a directory) that this process may execute.
    private static bool IsExecutableFile(string path) =>
        File.Exists(path) && Libc.Access(path, Libc.X_OK) == 0;
}
