using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.TestChild;

/// <summary>
/// Closes some of this process's standard descriptors, lets descriptors land on the freed numbers, starts
/// <c>sleep</c> through <see cref="ChildProcess.Start(string, IEnumerable{string}, ChildProcessOptions?)"/> and
/// reports over the inherited socket what the grandchild's descriptor table holds.
/// </summary>
/// <remarks>
/// Arguments: the descriptors to close ("1", "0,1,2"), then what lands on them:
/// "pair" — nothing of ours, so the socket pair ChildProcess.Start creates takes the lowest free numbers;
/// "file" — a file this process opens (close-on-exec, as .NET opens every file);
/// "file-as-stderr" — the same file, passed as the grandchild's standard error, standard output set to Null;
/// "swap" — two files land on the two closed numbers and are passed crosswise as standard output and error.
/// Report lines: "before N target" (this process's table before closing), "landed N target" (what sits on the
/// closed numbers right before the start), "after N target" (its standard descriptors, sockets and test files right after the start), "grandchild N target flags"
/// (flags octal, from fdinfo), "grandchild-complete yes|no" (whether the table settled on exactly 0, 1, 2, 3).
/// </remarks>
internal static class ClosedStandardStreamsMode
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    public static int Run(string[] arguments)
    {
        using Socket parent = ChildProcess.OpenInheritedSocket();
        int[] toClose = arguments[0].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        string landing = arguments[1];
        string fileA = Path.Combine(Path.GetTempPath(), $"spg-closed-std-{Environment.ProcessId}-a");
        string fileB = Path.Combine(Path.GetTempPath(), $"spg-closed-std-{Environment.ProcessId}-b");
        var report = new StringBuilder();
        try
        {
            WarmUp(fileA);
            Append(report, "before", Table("self", [0, 1, 2]));
            foreach (int fd in toClose)
            {
                new SafeFileHandle(fd, ownsHandle: true).Dispose();
            }

            using SafeFileHandle? first = landing is "file" or "file-as-stderr" or "swap" ? OpenFile(fileA) : null;
            using SafeFileHandle? second = landing is "swap" ? OpenFile(fileB) : null;
            var options = new ChildProcessOptions
            {
                StandardOutput = landing switch
                {
                    "file-as-stderr" => ChildStandardStream.Null,
                    "swap" => ChildStandardStream.FromHandle(second!),
                    _ => ChildStandardStream.Inherit,
                },
                StandardError = landing is "file-as-stderr" or "swap" ? ChildStandardStream.FromHandle(first!) : ChildStandardStream.Inherit,
                ExitGracePeriod = TimeSpan.Zero,
            };

            Append(report, "landed", Table("self", toClose));
            using ChildProcess grandchild = ChildProcess.Start("sleep", ["100"], options);
            Append(report, "after", Table("self", null).Where(p => p.Key <= 2 || p.Value.StartsWith("socket:", StringComparison.Ordinal) || p.Value.Contains("spg-closed-std-", StringComparison.Ordinal)).ToDictionary());
            string pid = grandchild.Id.ToString(CultureInfo.InvariantCulture);
            (Dictionary<int, string> table, bool complete) = SettledTable(pid);
            foreach ((int fd, string target) in table.OrderBy(p => p.Key))
            {
                report.Append(CultureInfo.InvariantCulture, $"grandchild {fd} {target} {Flags(pid, fd)}\n");
            }

            report.Append(CultureInfo.InvariantCulture, $"grandchild-complete {(complete ? "yes" : "no")}\n");
        }
        catch (Exception exception)
        {
            report.Append(CultureInfo.InvariantCulture, $"error {exception.GetType().Name}: {exception.Message}\n");
        }
        finally
        {
            File.Delete(fileA);
            File.Delete(fileB);
        }

        parent.Send(Encoding.UTF8.GetBytes(report.ToString()));
        return 0;
    }

    /// <summary>
    /// Runs once, before any standard descriptor is closed, everything the measured part uses, so the runtime's
    /// lazily opened descriptors (assembly files, the signal pipe) are already open and cannot land on a freed
    /// number by accident.
    /// </summary>
    private static void WarmUp(string file)
    {
        using (OpenFile(file))
        {
        }

        using (SocketPair.Create())
        {
        }

        using (ChildProcess warmUp = ChildProcess.Start("/bin/true", [], new ChildProcessOptions { StandardOutput = ChildStandardStream.Null }))
        {
            warmUp.WaitForExitAsync().Wait(SettleTimeout);
        }

        _ = Table("self", [0]);
        _ = SettledTable("self");
    }

    private static SafeFileHandle OpenFile(string path) =>
        File.OpenHandle(path, FileMode.Create, FileAccess.Write);

    /// <summary>The table once it holds exactly 0, 1, 2 and 3 (sleep opens and closes locale files as it starts).</summary>
    private static (Dictionary<int, string> Table, bool Complete) SettledTable(string pid)
    {
        DateTime deadline = DateTime.UtcNow + SettleTimeout;
        while (true)
        {
            Dictionary<int, string> table = Table(pid, null);
            bool complete = table.Keys.Order().SequenceEqual([0, 1, 2, 3]);
            if (complete || pid == "self" || DateTime.UtcNow > deadline)
            {
                return (table, complete);
            }

            Thread.Sleep(20);
        }
    }

    private static Dictionary<int, string> Table(string pid, int[]? only)
    {
        var table = new Dictionary<int, string>();
        foreach (string entry in Directory.GetFileSystemEntries($"/proc/{pid}/fd"))
        {
            int fd = int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture);
            if (only is not null && !only.Contains(fd))
            {
                continue;
            }

            try
            {
                // "?": the listing's own descriptor, which can itself take a freed standard number.
                string target = new FileInfo(entry).LinkTarget ?? "?";
                if (target != "?")
                {
                    table[fd] = target;
                }
            }
            catch (IOException)
            {
                // Closed since the listing.
            }
        }

        return table;
    }

    private static string Flags(string pid, int fd)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/fdinfo/{fd}")
                .First(line => line.StartsWith("flags:", StringComparison.Ordinal))["flags:".Length..].Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static void Append(StringBuilder report, string label, Dictionary<int, string> table)
    {
        foreach ((int fd, string target) in table.OrderBy(p => p.Key))
        {
            report.Append(CultureInfo.InvariantCulture, $"{label} {fd} {target}\n");
        }
    }
}
