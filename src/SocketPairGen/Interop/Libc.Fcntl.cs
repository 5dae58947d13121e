using System.Runtime.InteropServices;

namespace SocketPairGen.Interop;

// Descriptor flags. fcntl is variadic in C; on the Linux ABIs .NET supports (x64, arm64, arm, x86) an int
// third argument is passed exactly like a fixed one, so a fixed three-int signature is sound here.
internal static partial class Libc
{
    internal const int F_GETFD = 1;
    internal const int F_SETFD = 2;
    internal const int F_GETFL = 3;
    internal const int F_DUPFD_CLOEXEC = 1030;
    internal const int FD_CLOEXEC = 1;

    // The status flags F_GETFL returns, as far as the spawn checks them (Linux values, every architecture .NET
    // supports).
    internal const int O_ACCMODE = 3;
    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 1;
    internal const int O_RDWR = 2;
    internal const int O_PATH = 0x200000;

    [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);
}
