using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Interop;

namespace SocketPairGen.Fuzzing.Harness;

/// <summary>What a hostile peer needs to attach descriptors: <c>sendmsg</c> with <c>SCM_RIGHTS</c>, and memory files
/// to attach.</summary>
internal static unsafe partial class DescriptorSending
{
    private const uint MFD_CLOEXEC = 1;

    /// <summary>Sends the start of <paramref name="bytes"/> with <paramref name="descriptors"/> attached to its first
    /// byte. Returns how many bytes went (the caller sends the rest plainly), or -1 when the channel closed its end.</summary>
    public static int SendWith(Socket socket, ReadOnlySpan<byte> bytes, ReadOnlySpan<int> descriptors)
    {
        int dataLength = descriptors.Length * sizeof(int);
        int controlLength = Libc.ControlSpace(dataLength);
        byte* control = stackalloc byte[controlLength];
        new Span<byte>(control, controlLength).Clear();
        var header = (Libc.ControlMessageHeader*)control;
        header->Length = (nuint)(Libc.ControlAlign(sizeof(Libc.ControlMessageHeader)) + dataLength);
        header->Level = Libc.SOL_SOCKET;
        header->Type = Libc.SCM_RIGHTS;
        descriptors.CopyTo(new Span<int>(control + Libc.ControlAlign(sizeof(Libc.ControlMessageHeader)), descriptors.Length));
        fixed (byte* data = bytes)
        {
            var vector = new Libc.IoVec { Base = data, Length = (nuint)bytes.Length };
            var message = new Libc.MessageHeader { IoVecs = &vector, IoVecCount = 1, Control = control, ControlLength = (nuint)controlLength };
            nint sent = Libc.SendMsg((int)socket.Handle, &message, Libc.MSG_NOSIGNAL);
            return sent < 0 ? -1 : (int)sent;
        }
    }

    /// <summary>A new close-on-exec memory file named <paramref name="name"/> (its /proc link names it).</summary>
    public static SafeFileHandle MemoryFile(string name)
    {
        int fd = MemfdCreate(name, MFD_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"memfd_create failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);
}
