using System.Buffers.Binary;
using System.Net.Sockets;

namespace SocketPairGen.TestChild;

/// <summary>The raw socket peers of the benchmark baselines: no framing library, just Send and Receive.</summary>
internal static class RawModes
{
    /// <summary>Echoes 16-byte messages until the parent closes the socket.</summary>
    public static int PingPong()
    {
        using Socket socket = ChildProcess.OpenInheritedSocket();
        Span<byte> message = stackalloc byte[16];
        while (socket.ReceiveExactly(message))
        {
            socket.Send(message);
        }

        return 0;
    }

    /// <summary>Receives blocks (a 4-byte length, then the bytes) and answers each with its length as 8 bytes.</summary>
    public static int Bulk()
    {
        using Socket socket = ChildProcess.OpenInheritedSocket();
        byte[] buffer = new byte[1 << 20];
        Span<byte> header = stackalloc byte[8];
        while (socket.ReceiveExactly(header[..4]))
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(header);
            int remaining = length;
            while (remaining > 0)
            {
                int received = socket.Receive(buffer.AsSpan(0, Math.Min(remaining, buffer.Length)));
                if (received == 0)
                {
                    return 1;
                }

                remaining -= received;
            }

            BinaryPrimitives.WriteInt64LittleEndian(header, length);
            socket.Send(header);
        }

        return 0;
    }

    /// <summary>
    /// Echoes 16-byte messages that each arrive with one descriptor, which it closes, as a server method that owns a
    /// received handle does: the kernel's own cost of passing a descriptor, the baseline of the generated call that
    /// passes one. Reads with <c>recvmsg</c> and <c>MSG_CMSG_CLOEXEC</c>, as the channel does.
    /// </summary>
    public static unsafe int PingPongWithDescriptor()
    {
        using Socket socket = ChildProcess.OpenInheritedSocket();
        int fd = (int)socket.Handle;
        byte* message = stackalloc byte[16];
        int controlLength = Interop.Libc.ControlSpace(sizeof(int));
        byte* control = stackalloc byte[controlLength];
        while (true)
        {
            var vector = new Interop.Libc.IoVec { Base = message, Length = 16 };
            var header = new Interop.Libc.MessageHeader { IoVecs = &vector, IoVecCount = 1, Control = control, ControlLength = (nuint)controlLength };
            nint received = Interop.Libc.RecvMsg(fd, &header, Interop.Libc.MSG_CMSG_CLOEXEC | MsgWaitAll);
            if (received <= 0)
            {
                return 0;
            }

            if (header.ControlLength >= (nuint)sizeof(Interop.Libc.ControlMessageHeader))
            {
                var cmsg = (Interop.Libc.ControlMessageHeader*)control;
                if (cmsg->Type == Interop.Libc.SCM_RIGHTS)
                {
                    _ = Interop.Libc.Close(*(int*)(control + Interop.Libc.ControlAlign(sizeof(Interop.Libc.ControlMessageHeader))));
                }
            }

            socket.Send(new ReadOnlySpan<byte>(message, 16));
        }
    }

    private const int MsgWaitAll = 0x100;
}
