using System.Globalization;
using System.IO.Pipes;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Tests;

public class ChildStandardStreamTests
{
    private const int AccessModeMask = 3; // O_ACCMODE
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;

    [Fact]
    public async Task Start_NullOnEveryStream_GivesDevNullReadOnlyInWriteOnlyOut()
    {
        var options = new ChildProcessOptions
        {
            StandardInput = ChildStandardStream.Null,
            StandardOutput = ChildStandardStream.Null,
            StandardError = ChildStandardStream.Null,
            ExitGracePeriod = TimeSpan.Zero,
        };

        using ChildProcess child = ChildProcess.Start("sleep", ["100"], options);
        Dictionary<int, string> descriptors = await ProcessTable.StableDescriptorsAsync(child.Id, [0, 1, 2, 3]);

        Assert.Equal([0, 1, 2, 3], descriptors.Keys.Order());
        Assert.Equal(["/dev/null", "/dev/null", "/dev/null"], [descriptors[0], descriptors[1], descriptors[2]]);
        Assert.Equal(ReadOnly, ChildFlags(child.Id, 0) & AccessModeMask);
        Assert.Equal(WriteOnly, ChildFlags(child.Id, 1) & AccessModeMask);
        Assert.Equal(WriteOnly, ChildFlags(child.Id, 2) & AccessModeMask);
    }

    [Fact]
    public async Task Start_InheritByDefault_GivesTheParentsOwnStreams()
    {
        Dictionary<int, string> parent = Descriptors.Snapshot();

        using ChildProcess child = ChildProcess.Start("sleep", ["100"], new ChildProcessOptions { ExitGracePeriod = TimeSpan.Zero });
        Dictionary<int, string> descriptors = await ProcessTable.StableDescriptorsAsync(child.Id, [0, 1, 2, 3]);

        for (int fd = 0; fd <= 2; fd++)
        {
            // The test host's streams are open and inheritable; were one not, the child would get /dev/null.
            bool passed = parent.ContainsKey(fd) && (Descriptors.Flags(fd) & Descriptors.CloseOnExecFlag) == 0;
            Assert.Equal(passed ? parent[fd] : "/dev/null", descriptors[fd]);
        }
    }

    [Fact]
    public async Task Start_PipeEndAsStandardOutput_CarriesTheChildsOutputBack()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var options = new ChildProcessOptions { StandardOutput = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle) };

        using ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "echo to-stdout; echo to-stderr >&2"], options);
        Assert.False(pipe.ClientSafePipeHandle.IsClosed); // still the caller's
        pipe.DisposeLocalCopyOfClientHandle();

        // End of file arrives only once every copy of the write end is closed: the child's, at its exit, and ours.
        using var reader = new StreamReader(pipe, Encoding.UTF8);
        string output = await reader.ReadToEndAsync().WaitAsync(SocketText.Timeout);

        Assert.Equal("to-stdout\n", output);
        Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(SocketText.Timeout));
    }

    [Fact]
    public async Task Start_OneFileAsStandardOutputAndError_ReceivesBothAndStaysOpen()
    {
        string path = Path.GetTempFileName();
        try
        {
            using SafeFileHandle file = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
            ChildStandardStream stream = ChildStandardStream.FromHandle(file);
            var options = new ChildProcessOptions { StandardOutput = stream, StandardError = stream };

            using (ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "echo out; echo err >&2"], options))
            {
                Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(SocketText.Timeout));
            }

            // The caller's handle is untouched: still open and writable.
            Assert.False(file.IsClosed);
            RandomAccess.Write(file, "ours\n"u8, fileOffset: 8);
            file.Dispose();
            Assert.Equal("out\nerr\nours\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Start_HandleDisposedWhileStarting_ChildStillGetsThatFile()
    {
        // The pair is created after the options are checked and before the spawn: disposing the caller's handle
        // there is a dispose on another thread at the worst moment. Start holds a reference, so the descriptor
        // stays open (its number cannot be reused) until the spawn is over.
        string path = Path.GetTempFileName();
        try
        {
            SafeFileHandle file = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
            var options = new ChildProcessOptions { StandardOutput = ChildStandardStream.FromHandle(file) };

            using ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "echo still-the-file"], options, () =>
            {
                file.Dispose();
                return SocketPair.Create();
            });

            Assert.Equal(0, await child.WaitForExitAsync().WaitAsync(SocketText.Timeout));
            Assert.True(file.IsClosed);
            Assert.Equal("still-the-file\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Start_FileAsStandardInput_IsWhatTheChildReads()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "line one\nline two\n");
            using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);

            using ChildProcess child = ChildProcess.Start(
                "/bin/sh", ["-c", "cat >&3"], new ChildProcessOptions { StandardInput = ChildStandardStream.FromHandle(file) });

            Assert.Equal("line one\nline two\n", SocketText.ReadToEnd(child.Socket));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Start_SocketAsStandardOutput_CarriesTheChildsOutput()
    {
        using SocketPair pair = SocketPair.Create();
        var options = new ChildProcessOptions { StandardOutput = ChildStandardStream.FromHandle(pair.Second.SafeHandle) };

        using ChildProcess child = ChildProcess.Start("/bin/sh", ["-c", "echo over-the-socket"], options);
        pair.Second.Dispose();

        Assert.Equal("over-the-socket\n", SocketText.ReadToEnd(pair.First));
    }

    private static int ChildFlags(int pid, int fd) =>
        Descriptors.ParseFlags(File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fdinfo/{fd}"));
}
