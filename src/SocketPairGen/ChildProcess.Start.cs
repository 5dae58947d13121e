using System.Collections;
using System.Globalization;
using SocketPairGen.Spawning;

namespace SocketPairGen;

public sealed partial class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="fileName"/> with one end of a fresh socket pair as descriptor
    /// <see cref="ChildProcessOptions.DescriptorNumber"/> (3 by default). The child gets descriptors 0, 1 and 2 as
    /// <see cref="ChildProcessOptions.StandardInput"/>, <see cref="ChildProcessOptions.StandardOutput"/> and
    /// <see cref="ChildProcessOptions.StandardError"/> say (the parent's own by default; /dev/null where the
    /// parent's is closed) and nothing else; its signal mask is empty and every signal has its default
    /// disposition. In the child, <see cref="OpenInheritedSocket"/> returns its end.
    /// </summary>
    /// <param name="fileName">
    /// The executable: a path (relative ones are taken from the parent's current directory) or a bare name looked
    /// up in the parent's PATH. It is also the child's argv[0].
    /// </param>
    /// <param name="arguments">The arguments after argv[0].</param>
    /// <param name="options">
    /// Standard streams, environment, working directory, descriptor number; null for the defaults. Handles it
    /// passes stay the caller's: they are neither closed nor changed.
    /// </param>
    /// <returns>The running child; dispose it to close the socket and end the child.</returns>
    /// <exception cref="ArgumentException">
    /// An empty file name, a NUL character in a string, an invalid environment variable name, or a standard-stream
    /// handle that has been closed, is no open descriptor, or cannot be read (input) or written (output, error).
    /// Nothing has been created when it is thrown.
    /// </exception>
    /// <exception cref="FileNotFoundException">The executable was not found (ENOENT).</exception>
    /// <exception cref="DirectoryNotFoundException">The working directory does not exist.</exception>
    /// <exception cref="IOException">The socket pair or the spawn failed; the message names the file and the errno.</exception>
    /// <exception cref="PlatformNotSupportedException">The C library is older than glibc 2.34 (or is not glibc).</exception>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, ChildProcessOptions? options = null) =>
        Start(fileName, arguments, options, SocketPair.Create);

    /// <summary>
    /// <see cref="Start(string, IEnumerable{string}, ChildProcessOptions?)"/> with the pair supplied, so tests can
    /// record the child's end before it is handed over. Takes ownership of the pair once it is created.
    /// </summary>
    internal static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, ChildProcessOptions? options, Func<SocketPair> createPair)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ChildProcessOptions();
        RejectNul(fileName, nameof(fileName));

        // Everything that can fail on bad input fails here, before a descriptor or a process exists.
        string path = ExecutablePath.Resolve(fileName);
        string? workingDirectory = ResolveWorkingDirectory(options.WorkingDirectory);
        using var argv = NativeStringArray.Create([fileName, .. arguments], "argument");
        using var envp = NativeStringArray.Create(BuildEnvironment(options), "environment entry");
        using var streams = StandardStreamHandles.Acquire(options);

        SocketPair pair = createPair();
        int pid;
        try
        {
            pid = PosixSpawner.Spawn(path, argv, envp, workingDirectory, pair.Second.SafeHandle, options.DescriptorNumber, streams);
        }
        catch
        {
            pair.First.Dispose();
            throw;
        }
        finally
        {
            // The parent must not keep the child's end: while it is open here, the parent never sees end of
            // stream when the child dies.
            pair.Second.Dispose();
        }

        ChildProcessReaper reaper;
        try
        {
            reaper = ChildProcessReaper.Start(pid);
        }
        catch
        {
            pair.First.Dispose();
            throw;
        }

        return new ChildProcess(pair.First, reaper, options.ExitGracePeriod);
    }

    private static string? ResolveWorkingDirectory(string? workingDirectory)
    {
        if (workingDirectory is null)
        {
            return null;
        }

        ArgumentException.ThrowIfNullOrEmpty(workingDirectory, "options.WorkingDirectory");
        RejectNul(workingDirectory, "options.WorkingDirectory");
        string fullPath = Path.GetFullPath(workingDirectory);
        if (!Directory.Exists(fullPath))
        {
            throw new DirectoryNotFoundException($"Cannot start a child in '{fullPath}': the directory does not exist.");
        }

        return fullPath;
    }

    /// <summary>
    /// The parent's environment as .NET sees it (libc's environ misses variables set through .NET) unless the
    /// caller asked for an empty one, the caller's changes, and the descriptor number.
    /// </summary>
    private static List<string> BuildEnvironment(ChildProcessOptions options)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.InheritEnvironment)
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                variables[(string)entry.Key] = (string?)entry.Value ?? "";
            }
        }

        foreach ((string name, string? value) in options.Environment)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a valid environment variable name.", nameof(options));
            }

            if (name == DescriptorEnvironmentVariable)
            {
                throw new ArgumentException(
                    $"{DescriptorEnvironmentVariable} is set by ChildProcess.Start; choose the number with ChildProcessOptions.DescriptorNumber.",
                    nameof(options));
            }

            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        variables[DescriptorEnvironmentVariable] = options.DescriptorNumber.ToString(CultureInfo.InvariantCulture);
        var entries = new List<string>(variables.Count);
        foreach ((string name, string value) in variables)
        {
            entries.Add(name + "=" + value);
        }

        return entries;
    }

    private static void RejectNul(string value, string parameterName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a NUL character.", parameterName);
        }
    }
}
