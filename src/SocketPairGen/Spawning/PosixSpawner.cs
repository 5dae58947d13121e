using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using SocketPairGen.Interop;

namespace SocketPairGen.Spawning;

/// <summary>
/// One <c>posix_spawn</c> call that gives the child exactly its three standard streams (as
/// <see cref="ChildDescriptorLayout"/> planned them) plus one socket at a chosen descriptor number, an empty signal
/// mask and default signal dispositions.
/// </summary>
internal static unsafe class PosixSpawner
{
    // posix_spawn_file_actions_t, posix_spawnattr_t and sigset_t are opaque; glibc's are 80, 336 and 128 bytes
    // on x64. Generous buffers keep us independent of the exact layouts on every architecture.
    private const int OpaqueBufferSize = 512;

    /// <summary>Spawns the child and returns its pid.</summary>
    /// <param name="path">Absolute path of the executable.</param>
    /// <param name="argv">The argument vector, argv[0] included.</param>
    /// <param name="envp">The complete environment.</param>
    /// <param name="workingDirectory">Absolute path of the child's working directory, or null to inherit.</param>
    /// <param name="childEnd">The socket the child gets; close-on-exec in the parent.</param>
    /// <param name="descriptorNumber">The number it gets in the child (at least 3).</param>
    /// <param name="streams">The child's descriptors 0, 1 and 2, referenced for the length of the call.</param>
    /// <exception cref="FileNotFoundException">The executable or the working directory does not exist (ENOENT).</exception>
    /// <exception cref="IOException">posix_spawn or one of its setup calls failed; the message names the errno.</exception>
    public static int Spawn(
        string path,
        NativeStringArray argv,
        NativeStringArray envp,
        string? workingDirectory,
        SafeSocketHandle childEnd,
        int descriptorNumber,
        StandardStreamHandles streams)
    {
        // Planned after the pair exists: a standard number the pair took is then seen for what it is.
        using ChildDescriptorLayout layout = ChildDescriptorLayout.Plan(streams, (int)childEnd.DangerousGetHandle(), descriptorNumber);

        byte* buffers = (byte*)NativeMemory.AllocZeroed(3 * OpaqueBufferSize);
        void* fileActions = buffers;
        void* attributes = buffers + OpaqueBufferSize;
        void* signalSet = buffers + (2 * OpaqueBufferSize);
        bool fileActionsReady = false;
        bool attributesReady = false;
        try
        {
            Check(Libc.PosixSpawnFileActionsInit(fileActions), "posix_spawn_file_actions_init");
            fileActionsReady = true;
            AddDescriptorActions(fileActions, layout);
            if (workingDirectory is not null)
            {
                AddChdir(fileActions, workingDirectory);
            }

            Check(Libc.PosixSpawnAttrInit(attributes), "posix_spawnattr_init");
            attributesReady = true;
            SetSignalAttributes(attributes, signalSet);

            int pid;
            byte[] pathBytes = NulTerminated(path);
            int error;
            fixed (byte* pathPointer = pathBytes)
            {
                error = Libc.PosixSpawn(&pid, pathPointer, fileActions, attributes, argv.Pointer, envp.Pointer);
            }

            if (error != 0)
            {
                throw SpawnFailure(path, workingDirectory, layout.OpensNull, error);
            }

            return pid;
        }
        finally
        {
            if (attributesReady)
            {
                _ = Libc.PosixSpawnAttrDestroy(attributes);
            }

            if (fileActionsReady)
            {
                _ = Libc.PosixSpawnFileActionsDestroy(fileActions);
            }

            NativeMemory.Free(buffers);
        }
    }

    private static void AddDescriptorActions(void* fileActions, ChildDescriptorLayout layout)
    {
        // No source sits on a target number (the layout saw to that), so the order of these actions is free.
        for (int fd = 0; fd < 3; fd++)
        {
            ChildDescriptorLayout.StandardAction action = layout.Standard(fd);
            if (action.Kind == ChildDescriptorLayout.StandardActionKind.OpenNull)
            {
                AddOpenNull(fileActions, fd);
            }
            else if (action.Kind == ChildDescriptorLayout.StandardActionKind.Duplicate)
            {
                Check(Libc.PosixSpawnFileActionsAddDup2(fileActions, action.Source, fd),
                    $"posix_spawn_file_actions_adddup2({action.Source}, {fd})");
            }
        }

        // dup2 onto the target clears close-on-exec on that copy only; it also silently replaces whatever the
        // target number held.
        int descriptorNumber = layout.DescriptorNumber;
        Check(Libc.PosixSpawnFileActionsAddDup2(fileActions, layout.ChildEndSource, descriptorNumber),
            $"posix_spawn_file_actions_adddup2({layout.ChildEndSource}, {descriptorNumber})");

        // Below the target, descriptors 3..N-1 may be inherited ones without close-on-exec (.NET keeps one to
        // /dev/null): close them. glibc ignores closing a descriptor that is not open.
        for (int fd = 3; fd < descriptorNumber; fd++)
        {
            Check(Libc.PosixSpawnFileActionsAddClose(fileActions, fd), $"posix_spawn_file_actions_addclose({fd})");
        }

        try
        {
            Check(Libc.PosixSpawnFileActionsAddCloseFrom(fileActions, descriptorNumber + 1),
                $"posix_spawn_file_actions_addclosefrom_np({descriptorNumber + 1})");
        }
        catch (EntryPointNotFoundException exception)
        {
            // Without it, every inherited descriptor lacking close-on-exec would leak into the child.
            throw new PlatformNotSupportedException(
                "ChildProcess.Start needs glibc 2.34 or later (posix_spawn_file_actions_addclosefrom_np).", exception);
        }
    }

    private static void AddOpenNull(void* fileActions, int fd)
    {
        // Read-only for input, write-only for output: the modes a shell's </dev/null and >/dev/null give. glibc
        // copies the path into the file actions.
        int flags = fd == 0 ? Libc.O_RDONLY : Libc.O_WRONLY;
        fixed (byte* devNull = "/dev/null\0"u8)
        {
            Check(Libc.PosixSpawnFileActionsAddOpen(fileActions, fd, devNull, flags, 0),
                $"posix_spawn_file_actions_addopen({fd}, /dev/null)");
        }
    }

    private static void AddChdir(void* fileActions, string workingDirectory)
    {
        fixed (byte* directory = NulTerminated(workingDirectory))
        {
            // glibc copies the path into the file actions, so the pinned buffer need not outlive this call.
            Check(Libc.PosixSpawnFileActionsAddChdir(fileActions, directory),
                $"posix_spawn_file_actions_addchdir_np('{workingDirectory}')");
        }
    }

    private static void SetSignalAttributes(void* attributes, void* signalSet)
    {
        // An empty mask: the parent thread's mask would otherwise survive the exec.
        CheckErrno(Libc.SigEmptySet(signalSet), "sigemptyset");
        Check(Libc.PosixSpawnAttrSetSigMask(attributes, signalSet), "posix_spawnattr_setsigmask");

        // Default dispositions for every catchable classic signal: ignored signals survive exec, and .NET
        // ignores SIGPIPE, which a non-.NET child must not inherit.
        for (int signal = 1; signal <= Libc.LastClassicSignal; signal++)
        {
            if (signal is not Libc.SIGKILL and not Libc.SIGSTOP)
            {
                CheckErrno(Libc.SigAddSet(signalSet, signal), $"sigaddset({signal})");
            }
        }

        Check(Libc.PosixSpawnAttrSetSigDefault(attributes, signalSet), "posix_spawnattr_setsigdefault");
        Check(Libc.PosixSpawnAttrSetFlags(attributes, Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF),
            "posix_spawnattr_setflags");
    }

    private static Exception SpawnFailure(string path, string? workingDirectory, bool opensNull, int error)
    {
        IOException failure = Errno.Exception($"posix_spawn('{path}')", error);
        if (error != Errno.ENOENT)
        {
            return failure;
        }

        // ENOENT comes from the exec (no such file, or a missing script interpreter), from the chdir, or from
        // opening /dev/null in a sandbox without it.
        string subject = $"'{path}' (or its interpreter"
            + (workingDirectory is null ? "" : $", or the working directory '{workingDirectory}'")
            + (opensNull ? ", or /dev/null" : "")
            + ")";
        return new FileNotFoundException($"Cannot start {subject}: {failure.Message}", path, failure);
    }

    private static byte[] NulTerminated(string value)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    /// <summary>For the posix_spawn family, which returns the error number instead of setting errno.</summary>
    private static void Check(int error, string operation)
    {
        if (error != 0)
        {
            throw Errno.Exception(operation, error);
        }
    }

    private static void CheckErrno(int result, string operation)
    {
        if (result != 0)
        {
            throw Errno.Exception(operation, Errno.Last);
        }
    }
}
