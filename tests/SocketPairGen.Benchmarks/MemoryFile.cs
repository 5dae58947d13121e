using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Benchmarks;

/// <summary>A sealed memory file (<c>memfd_create</c>): the way a process hands another a large block without copying it.</summary>
internal static partial class MemoryFile
{
    private const uint MFD_CLOEXEC = 0x1;
    private const uint MFD_ALLOW_SEALING = 0x2;
    private const int F_ADD_SEALS = 1033;
    private const int F_SEAL_SEAL = 0x1;
    private const int F_SEAL_SHRINK = 0x2;
    private const int F_SEAL_GROW = 0x4;
    private const int F_SEAL_WRITE = 0x8;

    /// <summary>A close-on-exec memory file holding <paramref name="content"/>, sealed: nobody can change, grow or
    /// shrink it any more, so a receiver may read it without copying it first.</summary>
    public static SafeFileHandle CreateSealed(ReadOnlySpan<byte> content)
    {
        int fd = Create("socketpairgen-benchmark", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        if (fd < 0)
        {
            throw new IOException($"memfd_create failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var file = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            RandomAccess.Write(file, content, 0);
            if (Fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
            {
                throw new IOException($"fcntl(F_ADD_SEALS) failed: errno {Marshal.GetLastPInvokeError()}");
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Create(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
