using System.Globalization;

namespace SocketPairGen.Tests;

public class ChildDescriptorTests
{
    [Fact]
    public void Start_ShellChild_HoldsExactlyStandardStreamsAndItsEnd()
    {
        using SocketPair unrelated1 = SocketPair.Create();
        using SocketPair unrelated2 = SocketPair.Create();
        using SocketPair unrelated3 = SocketPair.Create();
        long childEndInode = 0;

        // The subshell lists the shell's own table; a plain `ls ... >&3` would show dash's saved copy of
        // stdout (fd 10), which dash makes itself for the redirection.
        using ChildProcess child = ChildProcess.Start(
            "/bin/sh",
            ["-c", "(ls -l /proc/$$/fd) >&3"],
            options: null,
            () => RecordChildEnd(out childEndInode));
        Dictionary<int, string> descriptors = ParseLsOutput(SocketText.ReadToEnd(child.Socket));

        Assert.Equal([0, 1, 2, 3], descriptors.Keys.Order());
        Assert.Equal($"socket:[{childEndInode}]", descriptors[3]);
    }

    [Fact]
    public void Start_DescriptorNumberOption_PutsTheEndThereAndNothingBetween()
    {
        long childEndInode = 0;

        using ChildProcess child = ChildProcess.Start(
            "/bin/sh",
            ["-c", "(ls -l /proc/$$/fd; echo \"SOCKETPAIRGEN_FD=$SOCKETPAIRGEN_FD\") >&5"],
            new ChildProcessOptions { DescriptorNumber = 5 },
            () => RecordChildEnd(out childEndInode));
        string output = SocketText.ReadToEnd(child.Socket);

        Dictionary<int, string> descriptors = ParseLsOutput(output);
        Assert.Equal([0, 1, 2, 5], descriptors.Keys.Order());
        Assert.Equal($"socket:[{childEndInode}]", descriptors[5]);
        Assert.Contains("SOCKETPAIRGEN_FD=5\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ChildEndAlreadyAtTargetNumber_StillReachesTheChild()
    {
        // The target is the number the child's end already has: dup2(fd, fd) would keep it close-on-exec, so
        // the spawn must move it first. Everything between 3 and the target must be closed in the child.
        SocketPair pair = SocketPair.Create();
        int target = (int)pair.Second.Handle;
        Assert.True(target > 3, $"the child's end is fd {target}; this test needs a number above 3");
        long childEndInode = Descriptors.SocketInode(pair.Second);

        // dash redirects single-digit descriptors only, so the table is read from the parent side.
        using ChildProcess child = ChildProcess.Start(
            "sleep", ["100"], new ChildProcessOptions { DescriptorNumber = target }, () => pair);
        Dictionary<int, string> descriptors = await ProcessTable.StableDescriptorsAsync(child.Id, [0, 1, 2, target]);

        Assert.Equal([0, 1, 2, target], descriptors.Keys.Order());
        Assert.Equal($"socket:[{childEndInode}]", descriptors[target]);
    }

    [Fact]
    public void OpenInheritedSocket_DotNetChild_IsCloseOnExecAndSeesNoOtherParentSocket()
    {
        using SocketPair unrelated1 = SocketPair.Create();
        using SocketPair unrelated2 = SocketPair.Create();
        long childEndInode = 0;

        using ChildProcess child = ChildProcess.Start(
            TestChildPath.Value, ["inherited-fds"], options: null, () => RecordChildEnd(out childEndInode));
        HashSet<long> parentSockets = Descriptors.SocketInodes();
        string[] lines = SocketText.ReadToEnd(child.Socket).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Dictionary<int, string> childDescriptors = lines
            .Where(line => line.StartsWith("fd ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', 3))
            .ToDictionary(parts => int.Parse(parts[1], CultureInfo.InvariantCulture), parts => parts[2]);
        string[] flagsLine = lines.Single(line => line.StartsWith("flags ", StringComparison.Ordinal)).Split(' ');

        Assert.Equal($"socket:[{childEndInode}]", childDescriptors[3]);
        Assert.Equal("3", flagsLine[1]);
        int flags = Convert.ToInt32(flagsLine[2], 8);
        Assert.Equal(Descriptors.CloseOnExecFlag, flags & Descriptors.CloseOnExecFlag);
        Assert.DoesNotContain(childEndInode, parentSockets); // the parent closed its copy
        long[] leaked = childDescriptors.Values
            .Select(Descriptors.ParseSocketInode)
            .OfType<long>()
            .Where(parentSockets.Contains)
            .ToArray();
        Assert.Empty(leaked);
    }

    [Fact]
    public async Task Start_DotNetChild_EchoesOverTheInheritedSocket()
    {
        using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["echo"]);
        child.Socket.ReceiveTimeout = (int)SocketText.Timeout.TotalMilliseconds;
        byte[] buffer = new byte[5];

        child.Socket.Send("hello"u8);
        int received = 0;
        while (received < buffer.Length)
        {
            received += child.Socket.Receive(buffer, received, buffer.Length - received, System.Net.Sockets.SocketFlags.None);
        }

        Assert.Equal("hello"u8.ToArray(), buffer);
        child.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(SocketText.Timeout));
    }

    private static SocketPair RecordChildEnd(out long childEndInode)
    {
        SocketPair pair = SocketPair.Create();
        childEndInode = Descriptors.SocketInode(pair.Second);
        return pair;
    }

    /// <summary>"lrwx------ 1 root root 64 Nov 25 12:20 3 -> socket:[123]" lines, as fd → target.</summary>
    private static Dictionary<int, string> ParseLsOutput(string output)
    {
        var descriptors = new Dictionary<int, string>();
        foreach (string line in output.Split('\n'))
        {
            int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow < 0)
            {
                continue; // "total 0", the echo line, the trailing empty line
            }

            string fd = line[..arrow].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            descriptors.Add(int.Parse(fd, CultureInfo.InvariantCulture), line[(arrow + 4)..]);
        }

        return descriptors;
    }
}
