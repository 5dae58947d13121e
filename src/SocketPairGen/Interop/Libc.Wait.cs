using System.Runtime.InteropServices;

namespace SocketPairGen.Interop;

// Waiting for, reaping and signalling child processes.
internal static partial class Libc
{
    // <sys/wait.h>, Linux values.
    internal const int P_PID = 1;
    internal const int WNOHANG = 0x00000001;
    internal const int WEXITED = 0x00000004;
    internal const int WNOWAIT = 0x01000000;

    /// <summary>Size of <c>siginfo_t</c> on Linux (every architecture): the kernel pads it to 128 bytes.</summary>
    internal const int SigInfoSize = 128;

    /// <summary>
    /// <c>waitid</c>; with <see cref="WNOWAIT"/> it reports that the child exited but leaves it a zombie, so
    /// its pid cannot be reused until we reap it ourselves.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "waitid", SetLastError = true)]
    internal static unsafe partial int WaitId(int idType, int id, void* sigInfo, int options);

    [LibraryImport(LibraryName, EntryPoint = "waitpid", SetLastError = true)]
    internal static unsafe partial int WaitPid(int pid, int* status, int options);

    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary>
    /// The exit code of a wait status the way .NET's Process reports it: the exit status when the child
    /// exited, 128 + the signal number when a signal killed it.
    /// </summary>
    internal static int ExitCodeOf(int waitStatus)
    {
        int terminatingSignal = waitStatus & 0x7f;
        return terminatingSignal == 0
            ? (waitStatus >> 8) & 0xff // WIFEXITED: WEXITSTATUS
            : 128 + terminatingSignal; // WIFSIGNALED: WTERMSIG (stopped children are never reported: no WUNTRACED)
    }
}
