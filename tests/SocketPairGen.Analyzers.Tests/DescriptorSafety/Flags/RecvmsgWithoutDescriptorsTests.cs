using Verify = SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags.FlagsAnalyzerTest<SocketPairGen.Analyzers.DescriptorSafety.CloseOnExecAnalyzer>;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// SPG0007 is about descriptors arriving in a control message: a recvmsg that cannot receive any is not reported.
/// That is one reading the error queue (<c>MSG_ERRQUEUE</c>: zero-copy completions and timestamps, never
/// <c>SCM_RIGHTS</c>), the way socket transports do it, and one whose <c>msghdr</c> is a local of the method with no
/// control buffer (<c>msg_control</c> null or <c>msg_controllen</c> 0 on every write, the rest zeroed). A header the
/// method does not fully see (a parameter, its address handed elsewhere) is judged by the flags alone.
/// </summary>
public class RecvmsgWithoutDescriptorsTests
{
    [Fact]
    public Task TmdsErrorQueueAndHeadersWithoutControlBuffer_NotReported() => Verify.VerifyAsync(
        """
        using Tmds.Linux;
        using static Tmds.Linux.LibC;

        static unsafe class Transport
        {
            static long ReadErrorQueue(int fd, msghdr* message) => recvmsg(fd, message, MSG_ERRQUEUE | MSG_DONTWAIT);

            static long ReadErrorQueueWithControl(int fd)
            {
                byte* control = stackalloc byte[128];
                msghdr message = default;
                message.msg_control = control;
                message.msg_controllen = 128;
                return recvmsg(fd, &message, MSG_ERRQUEUE);
            }

            static long Receive(int fd, byte* buffer, int length)
            {
                iovec vector = new iovec { iov_base = buffer, iov_len = length };
                msghdr message = new msghdr { msg_iov = &vector, msg_iovlen = 1 };
                return recvmsg(fd, &message, MSG_DONTWAIT);
            }

            static long ReceiveExplicitlyWithout(int fd, iovec* vectors, int count)
            {
                msghdr message = default;
                message.msg_iov = vectors;
                message.msg_iovlen = count;
                message.msg_control = null;
                message.msg_controllen = 0;
                long received = recvmsg(fd, &message, 0);
                return (message.msg_flags & MSG_TRUNC) != 0 ? -1 : received;
            }
        }
        """);

    [Fact]
    public Task HeadersThatMayCarryDescriptors_Reported() => Verify.VerifyAsync(
        """
        using Tmds.Linux;
        using static Tmds.Linux.LibC;

        static unsafe class Transport
        {
            static long WithControlBuffer(int fd, iovec* vector)
            {
                byte* control = stackalloc byte[64];
                msghdr message = default;
                message.msg_iov = vector;
                message.msg_iovlen = 1;
                message.msg_control = control;
                message.msg_controllen = 64;
                return {|#0:recvmsg(fd, &message, 0)|};
            }

            static long FromAParameter(int fd, msghdr* message) => {|#1:recvmsg(fd, message, MSG_DONTWAIT)|};

            static long FilledElsewhere(int fd)
            {
                msghdr message = default;
                Prepare(&message);
                return {|#2:recvmsg(fd, &message, 0)|};
            }

            static long ThroughAPointer(int fd, byte* control)
            {
                msghdr message = default;
                msghdr* header = &message;
                header->msg_control = control;
                header->msg_controllen = 64;
                return {|#3:recvmsg(fd, header, 0)|};
            }

            static long MadeElsewhere(int fd)
            {
                msghdr message = Make();
                return {|#4:recvmsg(fd, &message, 0)|};
            }

            static void Prepare(msghdr* message) { }

            static msghdr Make() => default;
        }
        """,
        Verify.Diagnostic("SPG0007", 0),
        Verify.Diagnostic("SPG0007", 1),
        Verify.Diagnostic("SPG0007", 2),
        Verify.Diagnostic("SPG0007", 3),
        Verify.Diagnostic("SPG0007", 4));

    [Fact]
    public Task HandWrittenHeaderStructByRef_JudgedByItsFields() => Verify.VerifyAsync(
        """
        static unsafe class Native
        {
            public const int MSG_ERRQUEUE = 0x2000;

            [StructLayout(LayoutKind.Sequential)]
            public struct MsgHdr
            {
                public IntPtr msg_name;
                public uint msg_namelen;
                public IntPtr msg_iov;
                public UIntPtr msg_iovlen;
                public IntPtr msg_control;
                public UIntPtr msg_controllen;
                public int msg_flags;
            }

            [DllImport("libc", SetLastError = true)] public static extern nint recvmsg(int fd, ref MsgHdr msg, int flags);

            static nint Data(int fd, IntPtr vector)
            {
                var header = new MsgHdr { msg_iov = vector, msg_iovlen = (UIntPtr)1, msg_control = IntPtr.Zero };
                return recvmsg(fd, ref header, 0);
            }

            static nint Descriptors(int fd, IntPtr vector, IntPtr control)
            {
                var header = new MsgHdr { msg_iov = vector, msg_iovlen = (UIntPtr)1, msg_control = control, msg_controllen = (UIntPtr)24 };
                return {|#0:recvmsg(fd, ref header, 0)|};
            }

            static nint Errors(int fd, ref MsgHdr header) => recvmsg(fd, ref header, MSG_ERRQUEUE);
        }
        """,
        Verify.Diagnostic("SPG0007", 0));

    [Fact]
    public Task HeaderStructWithCSharpNames_ControlFoundByLayout() => Verify.VerifyAsync(
        """
        static unsafe partial class Broker
        {
            [StructLayout(LayoutKind.Sequential)]
            internal struct MsgHdr
            {
                public void* Name;
                public uint NameLength;
                public void* Iov;
                public nuint IovLength;
                public void* Control;
                public nuint ControlLength;
                public int Flags;
            }

            // Not the msghdr layout: its control buffer cannot be found.
            internal struct Opaque
            {
                public void* Data;
            }

            [DllImport("libc", SetLastError = true)] private static extern nint recvmsg(int fd, MsgHdr* msg, int flags);
            [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)] private static extern nint recvmsg_opaque(int fd, Opaque* msg, int flags);

            static nint Data(int fd, void* vector)
            {
                var header = new MsgHdr { Iov = vector, IovLength = 1 };
                return recvmsg(fd, &header, 0);
            }

            static nint Descriptors(int fd, void* vector)
            {
                byte* control = stackalloc byte[64];
                var header = new MsgHdr { Iov = vector, IovLength = 1, Control = control, ControlLength = 64 };
                return {|#0:recvmsg(fd, &header, 0)|};
            }

            static nint Unknown(int fd)
            {
                var header = new Opaque();
                return {|#1:recvmsg_opaque(fd, &header, 0)|};
            }
        }
        """,
        Verify.Diagnostic("SPG0007", 0),
        Verify.Diagnostic("SPG0007", 1));
}
