using System.Net.Sockets;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// Sends bytes with descriptors attached (<c>SCM_RIGHTS</c>), as a hostile or future peer would: through libc
/// (Tmds.LibC), not through the channel's own send path.
/// </summary>
internal static class DescriptorSender
{
    /// <summary>Sends <paramref name="bytes"/> in one <c>sendmsg</c> with <paramref name="descriptors"/> attached to
    /// their first byte.</summary>
    public static unsafe void Send(Socket socket, ReadOnlySpan<byte> bytes, params int[] descriptors)
    {
        int dataLength = descriptors.Length * sizeof(int);
        int space = (int)CMSG_SPACE(dataLength);
        byte* control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        fixed (byte* data = bytes)
        {
            var vector = new iovec { iov_base = data, iov_len = (size_t)bytes.Length };
            var message = new msghdr
            {
                msg_iov = &vector,
                msg_iovlen = 1,
                msg_control = control,
                msg_controllen = (socklen_t)space,
            };
            cmsghdr* header = CMSG_FIRSTHDR(&message);
            // CMSG_LEN by hand: Tmds.LibC 0.5.0's CMSG_LEN(4) is 24, not 20, and the kernel would read a second,
            // zeroed descriptor (fd 0) from the padding.
            header->cmsg_len = (socklen_t)(sizeof(cmsghdr) + dataLength);
            header->cmsg_level = SOL_SOCKET;
            header->cmsg_type = SCM_RIGHTS;
            int* fds = (int*)CMSG_DATA(header);
            for (int i = 0; i < descriptors.Length; i++)
            {
                fds[i] = descriptors[i];
            }

            ssize_t sent = sendmsg((int)socket.Handle, &message, MSG_NOSIGNAL);
            Assert.True(sent == bytes.Length, $"sendmsg sent {(long)sent} of {bytes.Length} bytes (errno {errno}).");
        }
    }
}
