using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace SocketPairGen.TestChild;

/// <summary>
/// Lowers RLIMIT_NOFILE so no descriptor is free, calls SocketPair.Create, and reports over the inherited socket
/// what it threw. Done in a child because lowering the limit in the test process would break everything else.
/// </summary>
internal static partial class EmfileMode
{
    private const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    public static int Run()
    {
        using Socket parent = ChildProcess.OpenInheritedSocket();
        string report = TryCreatePairWithoutFreeDescriptors();
        parent.Send(Encoding.UTF8.GetBytes(report));
        return 0;
    }

    private static unsafe string TryCreatePairWithoutFreeDescriptors()
    {
        RLimit original;
        if (GetRLimit(RLIMIT_NOFILE, &original) != 0)
        {
            return "getrlimit failed: errno " + Marshal.GetLastPInvokeError();
        }

        // The limit caps descriptor numbers, not their count: with it at the lowest free number, every number
        // below is taken and the next allocation must fail, even when the open descriptors have holes above it.
        RLimit lowered = new() { Current = (ulong)LowestFreeDescriptor(), Maximum = original.Maximum };
        if (SetRLimit(RLIMIT_NOFILE, &lowered) != 0)
        {
            return "setrlimit failed: errno " + Marshal.GetLastPInvokeError();
        }

        string outcome;
        try
        {
            using SocketPair pair = SocketPair.Create();
            outcome = "no exception";
        }
        catch (Exception exception)
        {
            outcome = exception.GetType().Name + ": " + exception.Message;
        }
        finally
        {
            _ = SetRLimit(RLIMIT_NOFILE, &original);
        }

        return outcome;
    }

    private static int LowestFreeDescriptor()
    {
        // The enumeration's own descriptor is in the listing but closed afterwards; it is free again, so the
        // lowest free number is at most that one.
        var open = new HashSet<int>();
        foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            open.Add(int.Parse(Path.GetFileName(entry), System.Globalization.CultureInfo.InvariantCulture));
        }

        int fd = 0;
        while (open.Contains(fd) && File.Exists($"/proc/self/fd/{fd}"))
        {
            fd++;
        }

        return fd;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static unsafe partial int GetRLimit(int resource, RLimit* limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static unsafe partial int SetRLimit(int resource, RLimit* limit);
}
