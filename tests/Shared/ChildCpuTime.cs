using System.Globalization;

namespace SocketPairGen.Tests.Shared;

/// <summary>
/// The processor time of this process's finished children and all their finished descendants (Linux's cutime and
/// cstime, /proc/self/stat fields 16 and 17). A build with <c>-m:1</c> and without the compiler server runs csc as a
/// child of the CLI's own process, which waits for it, so the difference across one build is that build's CPU time
/// (MSBuild's worker nodes are not waited for: with them, csc's time would be lost). Unlike the wall-clock time, it
/// hardly moves when other processes load the machine.
/// </summary>
internal static class ChildCpuTime
{
    /// <summary>/proc counts in USER_HZ, 100 per second on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Seconds so far, or null where /proc/self/stat does not exist.</summary>
    public static double? Seconds()
    {
        const string stat = "/proc/self/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        string text = File.ReadAllText(stat);
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long children = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return children / TicksPerSecond;
    }
}
