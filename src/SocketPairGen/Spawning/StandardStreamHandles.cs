using System.Runtime.InteropServices;
using SocketPairGen.Interop;

namespace SocketPairGen.Spawning;

/// <summary>
/// The caller's handles for a child's standard streams, validated and held for the length of one spawn.
/// </summary>
/// <remarks>
/// Each passed handle gets a <see cref="SafeHandle.DangerousAddRef"/> before anything is created and keeps it
/// until the spawn is over: a handle disposed on another thread meanwhile only closes its descriptor when the
/// last reference goes, so the number cannot be closed, and reused by an unrelated descriptor that the child
/// would then receive, while the spawn still refers to it. The handles stay the caller's: nothing here closes
/// them or changes their flags.
/// </remarks>
internal sealed class StandardStreamHandles : IDisposable
{
    private static readonly string[] s_optionNames =
    [
        nameof(ChildProcessOptions.StandardInput),
        nameof(ChildProcessOptions.StandardOutput),
        nameof(ChildProcessOptions.StandardError),
    ];

    private readonly ChildStandardStream[] _streams;
    private readonly SafeHandle?[] _referenced = new SafeHandle?[3];

    private StandardStreamHandles(ChildStandardStream[] streams) => _streams = streams;

    /// <summary>Validates and references the handles <paramref name="options"/> passes for descriptors 0, 1 and 2.</summary>
    /// <exception cref="ArgumentException">
    /// A handle was closed since it was passed, is no open descriptor, was opened with O_PATH, or cannot be read
    /// (standard input) or written (standard output and error).
    /// </exception>
    /// <exception cref="IOException">Checking a descriptor failed unexpectedly; the message names the errno.</exception>
    public static StandardStreamHandles Acquire(ChildProcessOptions options)
    {
        var handles = new StandardStreamHandles([options.StandardInput, options.StandardOutput, options.StandardError]);
        try
        {
            for (int stream = 0; stream < 3; stream++)
            {
                handles.Reference(stream);
            }
        }
        catch
        {
            handles.Dispose();
            throw;
        }

        return handles;
    }

    /// <summary>What the caller asked for at descriptor <paramref name="stream"/> (0, 1 or 2).</summary>
    public ChildStandardStreamKind KindOf(int stream) => _streams[stream].Kind;

    /// <summary>The descriptor of the passed handle for <paramref name="stream"/>; only for <see cref="ChildStandardStreamKind.Handle"/>.</summary>
    public int DescriptorOf(int stream) => (int)_referenced[stream]!.DangerousGetHandle();

    /// <summary>Releases the references; the handles themselves stay open.</summary>
    public void Dispose()
    {
        for (int stream = 0; stream < 3; stream++)
        {
            _referenced[stream]?.DangerousRelease();
            _referenced[stream] = null;
        }
    }

    private void Reference(int stream)
    {
        SafeHandle? handle = _streams[stream].Handle;
        if (handle is null)
        {
            return;
        }

        string option = "ChildProcessOptions." + s_optionNames[stream];
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException exception)
        {
            throw new ArgumentException(
                $"{option} is a handle that has been closed since it was passed: the child's descriptor {stream} needs an open descriptor.",
                "options",
                exception);
        }

        _referenced[stream] = handle;
        Validate((int)handle.DangerousGetHandle(), stream, option);
    }

    private static void Validate(int fd, int stream, string option)
    {
        int flags = Libc.Fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0)
        {
            int errno = Errno.Last;
            throw errno == Errno.EBADF
                ? new ArgumentException(
                    $"{option} wraps fd {fd}, which is not an open descriptor (EBADF): the descriptor was closed behind the handle's back, or the handle never held one.",
                    "options")
                : Errno.Exception($"fcntl({fd}, F_GETFL) for {option}", errno);
        }

        if ((flags & Libc.O_PATH) != 0)
        {
            throw new ArgumentException(
                $"{option} wraps fd {fd}, opened with O_PATH: it can be neither read nor written.", "options");
        }

        int access = flags & Libc.O_ACCMODE;
        if (stream == 0 && access == Libc.O_WRONLY)
        {
            throw new ArgumentException(
                $"{option} wraps fd {fd}, which is write-only: the child's standard input must be readable (pass the read end of a pipe, or a file opened for reading).",
                "options");
        }

        if (stream > 0 && access == Libc.O_RDONLY)
        {
            throw new ArgumentException(
                $"{option} wraps fd {fd}, which is read-only: the child's descriptor {stream} must be writable (pass the write end of a pipe, or a file opened for writing).",
                "options");
        }
    }
}
