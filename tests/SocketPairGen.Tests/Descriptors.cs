using System.Globalization;
using System.Net.Sockets;

namespace SocketPairGen.Tests;

/// <summary>What /proc says about this process's descriptors.</summary>
internal static class Descriptors
{
    /// <summary>O_CLOEXEC as fdinfo shows it in the octal "flags:" line.</summary>
    public const int CloseOnExecFlag = 0x80000; // octal 02000000

    /// <summary>
    /// The number of entries in /proc/self/fd. The listing's own descriptor is counted every time, so two counts
    /// compare exactly.
    /// </summary>
    public static int Count() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    /// <summary>
    /// <see cref="Count"/> after running pending finalizers, for the count a measurement starts from: a finalizer
    /// closing a descriptor some earlier test dropped must not fall inside the measurement. The closing count
    /// deliberately skips this, so a descriptor the code under test leaves to the finalizer counts as a leak.
    /// </summary>
    public static int CountAfterFinalizers()
    {
        OpenRuntimeDescriptors();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Count();
    }

    /// <summary>
    /// Makes the runtime open, before a measurement, the descriptors it opens lazily and keeps for the process's
    /// life: the pipe of its signal handling (first signal registration, Console or child-process use) and the
    /// console streams. Otherwise whichever test (or the test host's own console output) triggers them first can
    /// land inside a measurement as two "leaked" descriptors.
    /// </summary>
    private static void OpenRuntimeDescriptors()
    {
        if (OperatingSystem.IsLinux() && Interlocked.Exchange(ref s_runtimeDescriptorsOpened, 1) == 0)
        {
            using (System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGWINCH, _ => { }))
            {
            }

            Console.Out.Flush();
            Console.Error.Flush();
        }
    }

    private static int s_runtimeDescriptorsOpened;

    /// <summary>Every open descriptor and what it points to ("socket:[123]", "/dev/null", …).</summary>
    public static Dictionary<int, string> Snapshot()
    {
        var snapshot = new Dictionary<int, string>();
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                snapshot[int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture)] = new FileInfo(entry).LinkTarget ?? "?";
            }
            catch (IOException)
            {
                // Closed between listing and reading (the listing's own descriptor, or another thread's).
            }
        }

        return snapshot;
    }

    /// <summary>Fails unless this process holds exactly <paramref name="expected"/> descriptors, naming those that
    /// appeared or vanished since <paramref name="before"/> when it does not.</summary>
    public static void AssertCount(int expected, Dictionary<int, string> before)
    {
        int count = Count();
        if (count == expected)
        {
            return;
        }

        Dictionary<int, string> after = Snapshot();

        // The runtime keeps a loaded assembly's file open: an assembly some code path (or a test running meanwhile)
        // loads for the first time inside the measurement is not a leak of the code under test.
        string runtimeDirectory = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        int assemblies = after.Count(p => !before.ContainsKey(p.Key)
            && p.Value.StartsWith(runtimeDirectory, StringComparison.Ordinal)
            && p.Value.EndsWith(".dll", StringComparison.Ordinal));
        if (count - assemblies == expected)
        {
            return;
        }

        string added = string.Join(", ", after.Where(p => !before.TryGetValue(p.Key, out string? t) || t != p.Value).Select(p => $"{p.Key} -> {p.Value}"));
        string removed = string.Join(", ", before.Where(p => !after.TryGetValue(p.Key, out string? t) || t != p.Value).Select(p => $"{p.Key} -> {p.Value}"));
        Assert.Fail($"Expected {expected} descriptors, found {count}. Appeared: [{added}]. Gone: [{removed}].");
    }

    /// <summary>The flags of a descriptor from /proc/self/fdinfo (octal there).</summary>
    public static int Flags(int fd) => ParseFlags(File.ReadAllLines($"/proc/self/fdinfo/{fd}"));

    /// <summary>Parses the octal value of an fdinfo "flags:" line.</summary>
    public static int ParseFlags(IEnumerable<string> fdinfo)
    {
        string line = fdinfo.First(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return Convert.ToInt32(line["flags:".Length..].Trim(), 8);
    }

    /// <summary>The inode of a socket, from its /proc/self/fd link "socket:[inode]".</summary>
    public static long SocketInode(Socket socket) => SocketInode((int)socket.Handle);

    /// <summary>The inode of the socket at <paramref name="fd"/>.</summary>
    public static long SocketInode(int fd)
    {
        string target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget
            ?? throw new InvalidOperationException($"fd {fd} is not a link");
        return ParseSocketInode(target) ?? throw new InvalidOperationException($"fd {fd} is {target}, not a socket");
    }

    /// <summary>The inode in a "socket:[inode]" link target, or null for anything else.</summary>
    public static long? ParseSocketInode(string target) =>
        target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']')
            ? long.Parse(target["socket:[".Length..^1], CultureInfo.InvariantCulture)
            : null;

    /// <summary>The inodes of every socket this process holds.</summary>
    public static HashSet<long> SocketInodes()
    {
        var inodes = new HashSet<long>();
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            string? target = TryLinkTarget(entry);
            if (target is not null && ParseSocketInode(target) is long inode)
            {
                inodes.Add(inode);
            }
        }

        return inodes;
    }

    private static string? TryLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed since the listing (the listing's own descriptor, or another test's)
        }
    }
}
