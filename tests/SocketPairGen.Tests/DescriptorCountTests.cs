using System.Net.Sockets;

namespace SocketPairGen.Tests;

[Collection(DescriptorCountCollection.Name)]
public class DescriptorCountTests
{
    [Fact]
    public void SocketPair_TenThousandCreateDisposeCycles_LeaveDescriptorCountUnchanged()
    {
        CreateAndDisposePairs(100); // warm up: whatever the runtime opens lazily on first use
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        CreateAndDisposePairs(10_000);

        Descriptors.AssertCount(before, snapshot);
    }

    [Fact]
    public void Start_ParentKeepsOnlyItsOwnEnd()
    {
        WarmUp();
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        using ChildProcess child = ChildProcess.Start("sleep", ["100"]);

        Descriptors.AssertCount(before + 1, snapshot);
    }

    [Fact]
    public void Start_ClosesTheChildsEndInTheParent()
    {
        SocketPair? pair = null;

        using ChildProcess child = ChildProcess.Start("sleep", ["100"], options: null, () => pair = SocketPair.Create());

        Assert.NotNull(pair);
        Assert.True(pair.Second.SafeHandle.IsClosed);
        Assert.Same(pair.First, child.Socket);
        Assert.False(child.Socket.SafeHandle.IsClosed);
    }

    [Fact]
    public async Task Start_TwoHundredSpawnExitCycles_LeaveDescriptorCountUnchangedAndNoZombie()
    {
        await SpawnAndReapAsync("/bin/true", 5); // warm up
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        await SpawnAndReapAsync("/bin/true", 200);

        Descriptors.AssertCount(before, snapshot);
    }

    [Fact]
    public void Start_MissingExecutable_LeaksNoDescriptor()
    {
        WarmUp();
        int before = Descriptors.CountAfterFinalizers();
        Dictionary<int, string> snapshot = Descriptors.Snapshot();

        // A path with '/' goes straight to posix_spawn: the failure comes after the pair exists.
        Assert.Throws<FileNotFoundException>(() => ChildProcess.Start("/nonexistent-socketpairgen/program", []));
        Assert.Throws<FileNotFoundException>(() => ChildProcess.Start("socketpairgen-no-such-program", []));

        Descriptors.AssertCount(before, snapshot);
    }

    [Fact]
    public void Start_NotExecutableFile_LeaksNoDescriptor()
    {
        string file = Path.GetTempFileName(); // mode 0600: no execute bit
        try
        {
            WarmUp();
            int before = Descriptors.CountAfterFinalizers();
            Dictionary<int, string> snapshot = Descriptors.Snapshot();

            var exception = Assert.Throws<IOException>(() => ChildProcess.Start(file, []));

            Assert.Contains("EACCES", exception.Message, StringComparison.Ordinal);
            Descriptors.AssertCount(before, snapshot);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void CreateAndDisposePairs(int count)
    {
        for (int i = 0; i < count; i++)
        {
            SocketPair.Create().Dispose();
        }
    }

    private static void WarmUp()
    {
        using ChildProcess child = ChildProcess.Start("/bin/true", []);
        child.WaitForExitAsync().Wait(SocketText.Timeout);
    }

    private static async Task SpawnAndReapAsync(string fileName, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await using ChildProcess child = ChildProcess.Start(fileName, []);
            int exitCode = await child.WaitForExitAsync().WaitAsync(SocketText.Timeout);

            Assert.Equal(0, exitCode);
            Assert.False(ProcessTable.IsZombie(child.Id), $"child {child.Id} is a zombie after WaitForExitAsync");
        }
    }
}
