namespace SocketPairGen.Tests;

// The TestChild's open-inherited mode writes "ok" or "ExceptionType: message" to stdout; the shell points
// stdout at the socket and then rearranges fd 3 the way each scenario needs.
public class OpenInheritedSocketTests
{
    [Fact]
    public void OpenInheritedSocket_StartedByChildProcess_Succeeds()
    {
        Assert.Equal("ok\n", RunTestChild("exec \"$0\" open-inherited >&3"));
    }

    [Fact]
    public void OpenInheritedSocket_DescriptorIsDevNull_ReportsNotASocket()
    {
        string report = RunTestChild("exec \"$0\" open-inherited >&3 3</dev/null");

        Assert.StartsWith("InvalidOperationException: Descriptor 3 is not a socket", report, StringComparison.Ordinal);
        Assert.Contains("/dev/null", report, StringComparison.Ordinal);
        Assert.Contains("ChildProcess.Start", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_VariableNamesAPipe_ReportsNotASocket()
    {
        string report = RunTestChild("echo x | SOCKETPAIRGEN_FD=0 \"$0\" open-inherited >&3");

        Assert.StartsWith("InvalidOperationException: Descriptor 0 is not a socket", report, StringComparison.Ordinal);
        Assert.Contains("pipe:[", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_DescriptorMissing_ReportsNotOpen()
    {
        // A number far above anything the .NET runtime opens while starting.
        string report = RunTestChild("SOCKETPAIRGEN_FD=1000 exec \"$0\" open-inherited >&3");

        Assert.StartsWith("InvalidOperationException: Descriptor 1000 is not open", report, StringComparison.Ordinal);
        Assert.Contains("ChildProcess.Start", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_DescriptorThreeClosed_ReportsAClearError()
    {
        // The .NET host reuses a free fd 3 while starting (a pipe, today), so either message is right.
        string report = RunTestChild("exec \"$0\" open-inherited >&3 3<&-");

        Assert.Matches("^InvalidOperationException: Descriptor 3 is not (open|a socket)", report);
        Assert.Contains("ChildProcess.Start", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_MalformedVariable_ReportsIt()
    {
        string report = RunTestChild("SOCKETPAIRGEN_FD=three exec \"$0\" open-inherited >&3");

        Assert.StartsWith("InvalidOperationException: SOCKETPAIRGEN_FD='three' is not a descriptor number", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_DatagramSocket_ReportsFamilyAndType()
    {
        string report = RunTestChild("exec \"$0\" open-inherited unix-dgram >&3");

        Assert.StartsWith("InvalidOperationException: ", report, StringComparison.Ordinal);
        Assert.Contains("AF_UNIX SOCK_DGRAM", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_InetSocket_ReportsFamilyAndType()
    {
        string report = RunTestChild("exec \"$0\" open-inherited inet-stream >&3");

        Assert.StartsWith("InvalidOperationException: ", report, StringComparison.Ordinal);
        Assert.Contains("AF_INET SOCK_STREAM", report, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenInheritedSocket_CalledTwice_ReportsAlreadyCalled()
    {
        string report = RunTestChild("exec \"$0\" open-inherited twice >&3");

        Assert.StartsWith("InvalidOperationException: OpenInheritedSocket was already called", report, StringComparison.Ordinal);
    }

    private static string RunTestChild(string script)
    {
        using ChildProcess shell = ChildProcess.Start("/bin/sh", ["-c", script, TestChildPath.Value]);
        return SocketText.ReadToEnd(shell.Socket);
    }
}
