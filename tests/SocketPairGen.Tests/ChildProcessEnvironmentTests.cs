namespace SocketPairGen.Tests;

public class ChildProcessEnvironmentTests
{
    private const int SIGPIPE = 13;

    [Fact]
    public void Start_EnvironmentAndWorkingDirectory_ReachTheChild()
    {
        // Set through .NET only: libc's environ does not see it, the child must anyway.
        Environment.SetEnvironmentVariable("SPG_TEST_SET_BY_DOTNET", "dotnet-value");
        Environment.SetEnvironmentVariable("SPG_TEST_REMOVED", "still-here");
        DirectoryInfo directory = Directory.CreateTempSubdirectory("spg-cwd-");
        try
        {
            var options = new ChildProcessOptions
            {
                WorkingDirectory = directory.FullName,
                Environment = { ["SPG_TEST_ADDED"] = "added value", ["SPG_TEST_REMOVED"] = null },
            };

            using ChildProcess child = ChildProcess.Start(
                "/bin/sh",
                ["-c", "printf '%s|%s|%s|%s|%s' \"$SPG_TEST_SET_BY_DOTNET\" \"$SPG_TEST_ADDED\" \"${SPG_TEST_REMOVED-unset}\" \"$SOCKETPAIRGEN_FD\" \"$(pwd -P)\" >&3"],
                options);

            Assert.Equal(
                $"dotnet-value|added value|unset|3|{directory.FullName}",
                SocketText.ReadToEnd(child.Socket));
        }
        finally
        {
            directory.Delete();
        }
    }

    [Fact]
    public void Start_EmptyEnvironment_ChildGetsOnlyTheGivenVariablesAndTheDescriptorVariable()
    {
        Environment.SetEnvironmentVariable("SPG_TEST_PARENT_ONLY", "must-not-arrive");
        var options = new ChildProcessOptions
        {
            InheritEnvironment = false,
            Environment = { ["SPG_TEST_GIVEN"] = "given value", ["SPG_TEST_REMOVED"] = null },
        };

        // /proc/$$/environ is the block the shell was executed with, before the shell adds PWD and the like.
        using ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "(tr '\\0' '\\n' < /proc/$$/environ) >&3"], options);
        string[] variables = SocketText.ReadToEnd(child.Socket).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["SOCKETPAIRGEN_FD=3", "SPG_TEST_GIVEN=given value"], variables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Start_InheritedEnvironment_IsTheDefault()
    {
        Environment.SetEnvironmentVariable("SPG_TEST_INHERITED_BY_DEFAULT", "arrives");

        Assert.True(new ChildProcessOptions().InheritEnvironment);
        using ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "printf %s \"$SPG_TEST_INHERITED_BY_DEFAULT\" >&3"]);

        Assert.Equal("arrives", SocketText.ReadToEnd(child.Socket));
    }

    [Fact]
    public void Start_Arguments_ArriveVerbatimWithFileNameAsArgv0()
    {
        using ChildProcess child = ChildProcess.Start(
            "sh", ["-c", "printf '%s\\n' \"$0\" \"$1\" \"$2\" >&3", "zero", "with space", "ünïcödé"]);

        Assert.Equal("zero\nwith space\nünïcödé\n", SocketText.ReadToEnd(child.Socket));
    }

    [Fact]
    public void Start_Child_HasEmptySignalMaskAndDefaultSignalDispositions()
    {
        // The premise: .NET ignores SIGPIPE in this process, so a child inheriting dispositions would too.
        Assert.NotEqual(0UL, SignalSet("self", "SigIgn") & Bit(SIGPIPE));

        using ChildProcess child = ChildProcess.Start("sleep", ["100"]);
        string pid = child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0UL, SignalSet(pid, "SigBlk"));
        // Every classic signal (1..31) at its default. Signal 32 is left out: glibc's posix_spawn sets its own
        // internal SIGCANCEL to SIG_IGN in the child once the parent has used thread cancellation, and the
        // posix_spawn API cannot reset it (sigaddset rejects glibc's internal signals).
        Assert.Equal(0UL, SignalSet(pid, "SigIgn") & 0x7FFF_FFFFUL);
    }

    [Fact]
    public void Start_WithNulInArgument_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ChildProcess.Start("/bin/true", ["a\0b"]));
    }

    [Fact]
    public void Start_OverridingDescriptorVariable_ThrowsArgumentException()
    {
        var options = new ChildProcessOptions { Environment = { [ChildProcess.DescriptorEnvironmentVariable] = "7" } };

        Assert.Throws<ArgumentException>(() => ChildProcess.Start("/bin/true", [], options));
    }

    [Fact]
    public void DescriptorNumber_BelowThree_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChildProcessOptions { DescriptorNumber = 2 });
    }

    private static ulong Bit(int signal) => 1UL << (signal - 1);

    private static ulong SignalSet(string pid, string field)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return Convert.ToUInt64(line[(field.Length + 1)..].Trim(), 16);
    }
}
