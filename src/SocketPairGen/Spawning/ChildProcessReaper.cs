using SocketPairGen.Interop;

namespace SocketPairGen.Spawning;

/// <summary>
/// Waits for one child on a dedicated thread and reaps it, so it never lingers as a zombie, without ever
/// signalling a pid that may have been reused.
/// </summary>
/// <remarks>
/// The thread blocks in <c>waitid(WNOWAIT)</c>, which reports the exit but leaves the child a zombie: its pid stays
/// ours. Reaping (<c>waitpid</c>) and <see cref="Kill"/> then take the same lock, so a kill either reaches the
/// still-unreaped child (alive or zombie, where it is harmless) or sees it reaped and does nothing. A dedicated
/// thread rather than SIGCHLD: .NET owns the SIGCHLD handler, and a blocking wait costs one small stack.
/// </remarks>
internal sealed class ChildProcessReaper
{
    // The thread only runs a wait loop and completes a task; continuations run elsewhere.
    private const int StackSize = 128 * 1024;

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _reaped;

    private ChildProcessReaper(int pid) => Pid = pid;

    /// <summary>The child's pid.</summary>
    public int Pid { get; }

    /// <summary>Completes with the exit code once the child is reaped (128 + n when signal n killed it).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts reaping <paramref name="pid"/>; if even that fails, kills and reaps the child before throwing.</summary>
    public static ChildProcessReaper Start(int pid)
    {
        var reaper = new ChildProcessReaper(pid);
        try
        {
            var thread = new Thread(reaper.Run, StackSize)
            {
                IsBackground = true, // a child that outlives Main must not keep the parent alive
                Name = $"SocketPairGen reaper {pid}",
            };
            thread.UnsafeStart(); // no ExecutionContext to flow into a wait loop
        }
        catch
        {
            reaper.Kill();
            reaper.Reap(options: 0);
            throw;
        }

        return reaper;
    }

    /// <summary>Sends SIGKILL unless the child is already reaped; then it is a no-op.</summary>
    public void Kill()
    {
        lock (_lock)
        {
            if (_reaped)
            {
                return;
            }

            // Not reaped means the pid is still this child's (alive or zombie), never a reused one.
            if (Libc.Kill(Pid, Libc.SIGKILL) != 0)
            {
                throw Errno.Exception($"kill({Pid}, SIGKILL)", Errno.Last);
            }
        }
    }

    private unsafe void Run()
    {
        byte* sigInfo = stackalloc byte[Libc.SigInfoSize];
        while (Libc.WaitId(Libc.P_PID, Pid, sigInfo, Libc.WEXITED | Libc.WNOWAIT) != 0)
        {
            int errno = Errno.Last;
            if (errno != Errno.EINTR)
            {
                // ECHILD: someone else reaped it (a waitpid(-1) elsewhere in the process, or SIGCHLD set to
                // SIG_IGN). The exit code is lost; say so rather than invent one.
                lock (_lock)
                {
                    _reaped = true;
                }

                _exited.TrySetException(Errno.Exception($"waitid(P_PID, {Pid}, WEXITED | WNOWAIT)", errno));
                return;
            }
        }

        Reap(Libc.WNOHANG);
    }

    /// <summary>Reaps the child and completes <see cref="Exited"/>: WNOHANG once waitid said it exited, 0 to block.</summary>
    private unsafe void Reap(int options)
    {
        int status = 0;
        int result;
        int errno = 0;
        lock (_lock)
        {
            do
            {
                result = Libc.WaitPid(Pid, &status, options);
                errno = result < 0 ? Errno.Last : 0;
            }
            while (result < 0 && errno == Errno.EINTR);

            _reaped = true;
        }

        if (result == Pid)
        {
            _exited.TrySetResult(Libc.ExitCodeOf(status));
        }
        else
        {
            _exited.TrySetException(result < 0
                ? Errno.Exception($"waitpid({Pid})", errno)
                : new IOException($"waitpid({Pid}, WNOHANG) found no exit status after waitid reported one."));
        }
    }
}
