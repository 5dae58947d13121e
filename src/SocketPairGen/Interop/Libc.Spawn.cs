using System.Runtime.InteropServices;

namespace SocketPairGen.Interop;

// posix_spawn and its attribute/file-action helpers. These return the error number instead of setting
// errno, hence no SetLastError. The opaque types (posix_spawn_file_actions_t, posix_spawnattr_t, sigset_t)
// are passed as pointers to buffers the caller allocates generously (see SpawnBuffers), so no struct layout
// of glibc is baked in here.
internal static partial class Libc
{
    // glibc <spawn.h>.
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;

    // Signals that cannot be caught, ignored or reset; sigaction rejects them.
    internal const int SIGKILL = 9;
    internal const int SIGSTOP = 19;

    /// <summary>The classic signals 1..31; 32 and up are real-time ones (glibc reserves 32 and 33).</summary>
    internal const int LastClassicSignal = 31;

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn")]
    internal static unsafe partial int PosixSpawn(
        int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_init")]
    internal static unsafe partial int PosixSpawnFileActionsInit(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static unsafe partial int PosixSpawnFileActionsDestroy(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static unsafe partial int PosixSpawnFileActionsAddDup2(void* fileActions, int fd, int newFd);

    /// <summary>
    /// Opens <paramref name="path"/> in the child and puts it at <paramref name="fd"/>. glibc copies the path, so the
    /// caller's buffer need not outlive the call.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addopen")]
    internal static unsafe partial int PosixSpawnFileActionsAddOpen(void* fileActions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addclose")]
    internal static unsafe partial int PosixSpawnFileActionsAddClose(void* fileActions, int fd);

    /// <summary>glibc 2.34 and later: close every descriptor from <paramref name="lowFd"/> up in the child.</summary>
    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    internal static unsafe partial int PosixSpawnFileActionsAddCloseFrom(void* fileActions, int lowFd);

    /// <summary>glibc 2.29 and later: chdir in the child before the exec.</summary>
    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    internal static unsafe partial int PosixSpawnFileActionsAddChdir(void* fileActions, byte* path);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_init")]
    internal static unsafe partial int PosixSpawnAttrInit(void* attributes);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_destroy")]
    internal static unsafe partial int PosixSpawnAttrDestroy(void* attributes);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setflags")]
    internal static unsafe partial int PosixSpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static unsafe partial int PosixSpawnAttrSetSigMask(void* attributes, void* signalSet);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static unsafe partial int PosixSpawnAttrSetSigDefault(void* attributes, void* signalSet);

    internal const int X_OK = 1;

    /// <summary><c>access</c>, to find an executable in PATH the way execvp judges one: by the caller's rights.</summary>
    [LibraryImport(LibraryName, EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Access(string path, int mode);

    // sigemptyset/sigaddset do set errno (and return -1) on failure.
    [LibraryImport(LibraryName, EntryPoint = "sigemptyset", SetLastError = true)]
    internal static unsafe partial int SigEmptySet(void* signalSet);

    [LibraryImport(LibraryName, EntryPoint = "sigaddset", SetLastError = true)]
    internal static unsafe partial int SigAddSet(void* signalSet, int signal);
}
