using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The values of Tmds.LibC's constants, by name. The package declares them as static properties
/// (<c>public static int SOCK_CLOEXEC =&gt; 0x80000;</c>): a compiler sees the property, never its body, so the rules
/// read the value of the name from this table, which holds what the package's getters return on Linux x64 (read
/// from version 0.5.0; these are the kernel's values, stable across versions). Only the names the descriptor rules
/// fold are here: socket types and flags, open flags, the <c>*_CLOEXEC</c> flags, recvmsg flags, fcntl commands,
/// the SO_PEERCRED option and the standard descriptors. Any other property of the binding stays unknown, so a flags
/// argument that uses one is not judged. A few open flags differ between architectures (O_DIRECTORY, O_NOFOLLOW,
/// O_DIRECT, O_LARGEFILE, O_TMPFILE); none of them holds a close-on-exec bit anywhere, so the x64 value judges them
/// right everywhere.
/// </summary>
internal static class TmdsLibCValues
{
    private const string AssemblyName = "Tmds.LibC";
    private const string TypeName = "Tmds.Linux.LibC";

    private static readonly Dictionary<string, long> ByName = new(System.StringComparer.Ordinal)
    {
        // socket(2), socketpair(2), accept4(2)
        ["SOCK_STREAM"] = 1,
        ["SOCK_DGRAM"] = 2,
        ["SOCK_RAW"] = 3,
        ["SOCK_RDM"] = 4,
        ["SOCK_SEQPACKET"] = 5,
        ["SOCK_DCCP"] = 6,
        ["SOCK_PACKET"] = 10,
        ["SOCK_NONBLOCK"] = 0x800,
        ["SOCK_CLOEXEC"] = 0x80000,

        // open(2), pipe2(2), dup3(2)
        ["O_RDONLY"] = 0,
        ["O_WRONLY"] = 1,
        ["O_RDWR"] = 2,
        ["O_ACCMODE"] = 3,
        ["O_CREAT"] = 0x40,
        ["O_EXCL"] = 0x80,
        ["O_NOCTTY"] = 0x100,
        ["O_TRUNC"] = 0x200,
        ["O_APPEND"] = 0x400,
        ["O_NONBLOCK"] = 0x800,
        ["O_NDELAY"] = 0x800,
        ["O_DSYNC"] = 0x1000,
        ["O_ASYNC"] = 0x2000,
        ["O_DIRECT"] = 0x4000,
        ["O_LARGEFILE"] = 0,
        ["O_DIRECTORY"] = 0x10000,
        ["O_NOFOLLOW"] = 0x20000,
        ["O_NOATIME"] = 0x40000,
        ["O_CLOEXEC"] = 0x80000,
        ["O_SYNC"] = 0x101000,
        ["O_RSYNC"] = 0x101000,
        ["O_PATH"] = 0x200000,
        ["O_TMPFILE"] = 0x410000,
        ["AT_FDCWD"] = -100,

        // epoll_create1(2), eventfd(2), memfd_create(2)
        ["EPOLL_CLOEXEC"] = 0x80000,
        ["EFD_SEMAPHORE"] = 1,
        ["EFD_NONBLOCK"] = 0x800,
        ["EFD_CLOEXEC"] = 0x80000,
        ["MFD_CLOEXEC"] = 1,
        ["MFD_ALLOW_SEALING"] = 2,
        ["MFD_HUGETLB"] = 4,

        // recvmsg(2)
        ["MSG_OOB"] = 0x1,
        ["MSG_PEEK"] = 0x2,
        ["MSG_DONTROUTE"] = 0x4,
        ["MSG_CTRUNC"] = 0x8,
        ["MSG_PROXY"] = 0x10,
        ["MSG_TRUNC"] = 0x20,
        ["MSG_DONTWAIT"] = 0x40,
        ["MSG_EOR"] = 0x80,
        ["MSG_WAITALL"] = 0x100,
        ["MSG_FIN"] = 0x200,
        ["MSG_SYN"] = 0x400,
        ["MSG_CONFIRM"] = 0x800,
        ["MSG_RST"] = 0x1000,
        ["MSG_ERRQUEUE"] = 0x2000,
        ["MSG_NOSIGNAL"] = 0x4000,
        ["MSG_MORE"] = 0x8000,
        ["MSG_WAITFORONE"] = 0x10000,
        ["MSG_BATCH"] = 0x40000,
        ["MSG_ZEROCOPY"] = 0x4000000,
        ["MSG_FASTOPEN"] = 0x20000000,
        ["MSG_CMSG_CLOEXEC"] = 0x40000000,
        ["SCM_RIGHTS"] = 1,

        // fcntl(2)
        ["F_DUPFD"] = 0,
        ["F_GETFD"] = 1,
        ["F_SETFD"] = 2,
        ["F_GETFL"] = 3,
        ["F_SETFL"] = 4,
        ["F_GETLK"] = 5,
        ["F_SETLK"] = 6,
        ["F_SETLKW"] = 7,
        ["F_SETOWN"] = 8,
        ["F_GETOWN"] = 9,
        ["F_SETSIG"] = 10,
        ["F_GETSIG"] = 11,
        ["F_SETOWN_EX"] = 15,
        ["F_GETOWN_EX"] = 16,
        ["F_GETOWNER_UIDS"] = 17,
        ["F_OFD_GETLK"] = 36,
        ["F_OFD_SETLK"] = 37,
        ["F_OFD_SETLKW"] = 38,
        ["F_SETLEASE"] = 1024,
        ["F_GETLEASE"] = 1025,
        ["F_CANCELLK"] = 1029,
        ["F_DUPFD_CLOEXEC"] = 1030,
        ["F_SETPIPE_SZ"] = 1031,
        ["F_GETPIPE_SZ"] = 1032,
        ["F_ADD_SEALS"] = 1033,
        ["F_GET_SEALS"] = 1034,
        ["FD_CLOEXEC"] = 1,

        // getsockopt(2)
        ["SOL_SOCKET"] = 1,
        ["SO_PEERCRED"] = 17,

        // dup2(2) targets
        ["STDIN_FILENO"] = 0,
        ["STDOUT_FILENO"] = 1,
        ["STDERR_FILENO"] = 2,
    };

    /// <summary>The value of <paramref name="property"/> when it is one of the binding's constants this table knows.</summary>
    public static long? ValueOf(IPropertySymbol property)
    {
        if (!property.IsStatic
            || property.Parameters.Length != 0
            || !ByName.TryGetValue(property.Name, out long value)
            || property.ContainingType is not { Name: "LibC" } type
            || type.ContainingAssembly?.Name != AssemblyName
            || type.ToDisplayString() != TypeName)
        {
            return null;
        }

        return value;
    }
}
