using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SocketPairGen.TestChild;

/// <summary>
/// Opens the inherited socket, then reports over it every descriptor this process holds with its readlink
/// target ("fd 3 socket:[123]") and the fdinfo flags of the inherited one ("flags 3 02000002").
/// </summary>
internal static class InheritedDescriptorsMode
{
    public static int Run()
    {
        using Socket parent = ChildProcess.OpenInheritedSocket();
        int inherited = (int)parent.Handle;
        var report = new StringBuilder();
        foreach (string entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            // The listing's own descriptor is gone by now: its target reads as "?".
            string target = TryReadLink(entry) ?? "?";
            report.Append(CultureInfo.InvariantCulture, $"fd {Path.GetFileName(entry)} {target}\n");
        }

        string flags = File.ReadLines($"/proc/self/fdinfo/{inherited}")
            .First(line => line.StartsWith("flags:", StringComparison.Ordinal))["flags:".Length..].Trim();
        report.Append(CultureInfo.InvariantCulture, $"flags {inherited} {flags}\n");
        parent.Send(Encoding.UTF8.GetBytes(report.ToString()));
        return 0;
    }

    private static string? TryReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
