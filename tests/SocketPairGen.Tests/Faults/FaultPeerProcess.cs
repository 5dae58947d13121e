using System.Diagnostics;
using System.Globalization;

namespace SocketPairGen.Tests.Faults;

/// <summary>
/// A TestChild fault mode (<c>fault-server</c>, <c>fault-client</c>) as a child process: it breaks the protocol at
/// a chosen byte, then writes a ready file holding the moment it did (the machine's monotonic clock, shared with
/// this process's <see cref="Stopwatch"/>), and waits for <see cref="Kill"/>.
/// </summary>
internal sealed class FaultPeerProcess : IAsyncDisposable
{
    private readonly string _readyFile;

    private FaultPeerProcess(ChildProcess child, string readyFile)
    {
        Child = child;
        _readyFile = readyFile;
    }

    public ChildProcess Child { get; }

    /// <summary>Starts the child; the ready file's path is appended to <paramref name="arguments"/>.</summary>
    public static FaultPeerProcess Start(params string[] arguments)
    {
        string readyFile = Path.Combine(Path.GetTempPath(), $"socketpairgen-fault-{Guid.NewGuid():N}.ready");
        var child = ChildProcess.Start(TestChildPath.Value, [.. arguments, readyFile], new ChildProcessOptions { ExitGracePeriod = TimeSpan.FromSeconds(2) });
        return new FaultPeerProcess(child, readyFile);
    }

    /// <summary>Waits until the child has put its fault in place; returns when it did (a <see cref="Stopwatch"/>
    /// timestamp). Fails with what to look at if it never gets there.</summary>
    public async Task<long> WaitUntilReadyAsync(string whatItWaitsFor)
    {
        var waited = Stopwatch.StartNew();
        while (!File.Exists(_readyFile))
        {
            if (Child.HasExited)
            {
                Assert.Fail($"The fault peer exited with code {Child.ExitCode} before it was ready ({whatItWaitsFor}).");
            }

            if (waited.Elapsed > SocketText.Timeout)
            {
                Assert.Fail($"The fault peer was not ready after {waited.Elapsed.TotalSeconds:F0} s: it waits for {whatItWaitsFor}.");
            }

            await Task.Delay(2);
        }

        return long.Parse(await File.ReadAllTextAsync(_readyFile), CultureInfo.InvariantCulture);
    }

    /// <summary>SIGKILLs the child; returns the moment just before the signal (the death is no earlier).</summary>
    public long Kill()
    {
        long killedAt = Stopwatch.GetTimestamp();
        Child.Kill();
        return killedAt;
    }

    public async ValueTask DisposeAsync()
    {
        await Child.DisposeAsync();
        File.Delete(_readyFile);
    }
}
