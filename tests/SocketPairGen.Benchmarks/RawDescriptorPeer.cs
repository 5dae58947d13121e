using System.Net.Sockets;
using System.Runtime.InteropServices;
using SocketPairGen.TestChild;

namespace SocketPairGen.Benchmarks;

/// <summary>
/// The baseline of a call that passes a descriptor: 16 bytes to a child with one descriptor attached
/// (<c>sendmsg</c>, <c>SCM_RIGHTS</c>), which the child closes before it answers 16 bytes. No framing library:
/// what the kernel charges for passing a descriptor, on this machine.
/// </summary>
internal static unsafe partial class RawDescriptorPeer
{
    private const int SOL_SOCKET = 1;
    private const int SCM_RIGHTS = 1;
    private const int MSG_NOSIGNAL = 0x4000;

    public static void PingPong(Socket socket, SafeHandle descriptor, byte[] message)
    {
        bool added = false;
        descriptor.DangerousAddRef(ref added);
        try
        {
            const int controlLength = 24; // CMSG_SPACE(4): a 16-byte header, 4 bytes of data, padded to 8
            byte* control = stackalloc byte[controlLength];
            new Span<byte>(control, controlLength).Clear();
            *(nuint*)control = 16 + sizeof(int); // CMSG_LEN(4)
            *(int*)(control + 8) = SOL_SOCKET;
            *(int*)(control + 12) = SCM_RIGHTS;
            *(int*)(control + 16) = (int)descriptor.DangerousGetHandle();
            fixed (byte* data = message)
            {
                var vector = new IoVec { Base = data, Length = 16 };
                var header = new MessageHeader { IoVecs = &vector, IoVecCount = 1, Control = control, ControlLength = controlLength };
                if (SendMsg((int)socket.Handle, &header, MSG_NOSIGNAL) != 16)
                {
                    throw new IOException($"sendmsg failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }
        }
        finally
        {
            descriptor.DangerousRelease();
        }

        if (!socket.ReceiveExactly(message.AsSpan(0, 16)))
        {
            throw new IOException("The benchmark child closed the socket.");
        }
    }

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMsg(int fd, MessageHeader* message, int flags);

    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* IoVecs;
        public nuint IoVecCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }
}
