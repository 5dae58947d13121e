using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// Opens files for reading without ever blocking on one that is not a regular file. .NET cannot tell a FIFO from
/// a file before opening it, and opening a FIFO for reading waits for a writer, possibly forever; so the file is
/// opened here with O_NONBLOCK (no effect on regular files) and anything that cannot seek is refused.
/// </summary>
internal static partial class RegularFile
{
    // Linux's values (x64 and arm64 alike; a few other architectures differ).
    private const int O_RDONLY = 0x0;
    private const int O_NOCTTY = 0x100;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;

    /// <summary>An unbuffered stream over the file, or null when it cannot be read as a regular file.</summary>
    public static FileStream? TryOpen(string path)
    {
        // Close-on-exec from birth: the supervisor spawns workers, and they must not inherit the files it reads.
        int fd = Open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
        {
            return null; // EACCES, ENOENT (deleted since the walk), ENXIO (a socket), ...
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (stream.CanSeek)
            {
                return stream;
            }

            stream.Dispose();
            return null; // a FIFO
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            handle.Dispose();
            return null;
        }
    }

    /// <summary>Reads until <paramref name="destination"/> is full or the file ends; returns the bytes read.</summary>
    public static int ReadUpTo(FileStream stream, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = stream.Read(destination[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
