using System.Net.Sockets;
using SocketPairGen.Spawning;

namespace SocketPairGen;

/// <summary>
/// A child process started with one end of a fresh <see cref="SocketPair"/> as a descriptor of its own
/// (fd 3 by default, named by the <see cref="DescriptorEnvironmentVariable"/> variable); the parent keeps the
/// other end as <see cref="Socket"/>.
/// </summary>
/// <remarks>
/// The child is reaped as soon as it exits (no zombies), and <see cref="Kill"/> can never signal a pid the
/// system has reused. Disposing closes the parent's end, so the child reads end of stream, and ends the child
/// if it has not exited within <see cref="ChildProcessOptions.ExitGracePeriod"/>.
/// </remarks>
public sealed partial class ChildProcess : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// The environment variable through which the child learns the number of its inherited descriptor:
    /// <c>SOCKETPAIRGEN_FD</c>.
    /// </summary>
    public const string DescriptorEnvironmentVariable = "SOCKETPAIRGEN_FD";

    private readonly ChildProcessReaper _reaper;
    private readonly TimeSpan _exitGracePeriod;
    private int _disposed;

    private ChildProcess(Socket socket, ChildProcessReaper reaper, TimeSpan exitGracePeriod)
    {
        Socket = socket;
        _reaper = reaper;
        _exitGracePeriod = exitGracePeriod;
    }

    /// <summary>The parent's end of the socket pair. Owned by this object: <see cref="Dispose"/> disposes it.</summary>
    public Socket Socket { get; }

    /// <summary>The child's process id.</summary>
    public int Id => _reaper.Pid;

    /// <summary>Whether the child has exited and been reaped.</summary>
    public bool HasExited => _reaper.Exited.IsCompleted;

    /// <summary>The exit code: the child's exit status, or 128 + n when signal n killed it.</summary>
    /// <exception cref="InvalidOperationException">The child has not exited yet.</exception>
    /// <exception cref="IOException">The exit code is unknown (see <see cref="WaitForExitAsync"/>).</exception>
    public int ExitCode => HasExited
        ? _reaper.Exited.GetAwaiter().GetResult()
        : throw new InvalidOperationException($"Child process {Id} has not exited yet.");

    /// <summary>Waits for the child to exit.</summary>
    /// <param name="cancellationToken">Stops the wait (not the child).</param>
    /// <returns>The exit code: the child's exit status, or 128 + n when signal n killed it.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled first.</exception>
    /// <exception cref="IOException">
    /// Something else in this process reaped the child (a <c>waitpid(-1)</c> or SIGCHLD set to SIG_IGN), so its
    /// exit code is unknown.
    /// </exception>
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _reaper.Exited.WaitAsync(cancellationToken);

    /// <summary>
    /// Kills the child with SIGKILL. Does nothing once the child has exited and been reaped, so it never signals
    /// an unrelated process that reuses the pid.
    /// </summary>
    /// <exception cref="IOException"><c>kill</c> failed; the message names the errno.</exception>
    public void Kill() => _reaper.Kill();

    /// <summary>
    /// Disposes <see cref="Socket"/> (the child sees end of stream), waits up to
    /// <see cref="ChildProcessOptions.ExitGracePeriod"/> for the child to exit, kills it if it has not, and waits
    /// until it is reaped. Calls after the first return at once.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Socket.Dispose();
        if (!WaitQuietly(_reaper.Exited, _exitGracePeriod))
        {
            _reaper.Kill();
            WaitQuietly(_reaper.Exited, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Like <see cref="Dispose"/>, without blocking a thread.</summary>
    /// <returns>Completes when the child has been reaped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Socket.Dispose();
        Task exited = _reaper.Exited;
        await exited.WaitAsync(_exitGracePeriod).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!exited.IsCompleted)
        {
            _reaper.Kill();
            await exited.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits without throwing: a lost exit code (see <see cref="WaitForExitAsync"/>) still means gone.</summary>
    private static bool WaitQuietly(Task task, TimeSpan timeout)
    {
        try
        {
            return task.Wait(timeout);
        }
        catch (AggregateException)
        {
            return true;
        }
    }
}
