using System.Net.Sockets;
using SocketPairGen.Interop;

namespace SocketPairGen;

/// <summary>
/// A connected pair of AF_UNIX stream sockets, created with <c>socketpair(2)</c>. Both descriptors are
/// close-on-exec from birth (<c>SOCK_CLOEXEC</c>), so no child process inherits them unless it is handed
/// one explicitly (see <see cref="ChildProcess"/>).
/// </summary>
/// <remarks>
/// Disposing the pair disposes both sockets. A socket handed to something that takes ownership (a channel
/// client, a server, a child process) is simply disposed twice, which is harmless.
/// </remarks>
public sealed class SocketPair : IDisposable
{
    private SocketPair(Socket first, Socket second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The first end of the pair.</summary>
    public Socket First { get; }

    /// <summary>The second end of the pair.</summary>
    public Socket Second { get; }

    /// <summary>Creates a connected pair of AF_UNIX stream sockets, both close-on-exec.</summary>
    /// <returns>The pair; dispose it (or each socket) when done.</returns>
    /// <exception cref="IOException">
    /// <c>socketpair</c> failed; the message names the errno (for example EMFILE when the process is out of
    /// descriptors) and <see cref="Exception.HResult"/> carries its value.
    /// </exception>
    public static unsafe SocketPair Create()
    {
        int* fds = stackalloc int[2];
        if (Libc.SocketPair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw Errno.Exception("socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC)", Errno.Last);
        }

        // From here each descriptor is owned by a SafeSocketHandle, so a failure below closes both.
        var firstHandle = new SafeSocketHandle(fds[0], ownsHandle: true);
        var secondHandle = new SafeSocketHandle(fds[1], ownsHandle: true);
        Socket? first = null;
        try
        {
            first = new Socket(firstHandle);
            var second = new Socket(secondHandle);
            return new SocketPair(first, second);
        }
        catch
        {
            if (first is null)
            {
                firstHandle.Dispose();
            }
            else
            {
                first.Dispose();
            }

            secondHandle.Dispose();
            throw;
        }
    }

    /// <summary>Deconstructs the pair into its two sockets: <c>var (parent, child) = SocketPair.Create();</c>.</summary>
    /// <param name="first">Receives <see cref="First"/>.</param>
    /// <param name="second">Receives <see cref="Second"/>.</param>
    public void Deconstruct(out Socket first, out Socket second)
    {
        first = First;
        second = Second;
    }

    /// <summary>Disposes both sockets.</summary>
    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
