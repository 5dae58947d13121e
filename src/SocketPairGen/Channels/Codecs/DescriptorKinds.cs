using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.Interop;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// A type that stands for one open descriptor on the wire: how to find the descriptor of a value being sent, and how
/// to check and wrap one that arrived. The descriptor codecs take it as a type argument.
/// </summary>
/// <typeparam name="T">The handle type of the contract.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDescriptorKind<T>
    where T : class, IDisposable
{
    /// <summary>The handle whose descriptor is sent for <paramref name="value"/> (the sender keeps it).</summary>
    /// <param name="value">The value being sent.</param>
    static abstract SafeHandle HandleOf(T value);

    /// <summary>
    /// Checks a descriptor that arrived and wraps it: the result owns it. Throws <see cref="ChannelProtocolException"/>
    /// for a descriptor this type cannot stand for, leaving <paramref name="received"/> as it was (its owner closes it).
    /// A wrapper that is not <paramref name="received"/> itself empties it (<see cref="SafeHandle.SetHandleAsInvalid"/>)
    /// once it owns the descriptor, so it is closed once.
    /// </summary>
    /// <param name="received">The descriptor, close-on-exec, owned by the frame until this returns.</param>
    static abstract T Adopt(SafeFileHandle received);
}

/// <summary>A <see cref="SafeFileHandle"/>: any open descriptor (a file, a pipe, a memory file, a device).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FileHandleKind : IDescriptorKind<SafeFileHandle>
{
    /// <inheritdoc/>
    public static SafeHandle HandleOf(SafeFileHandle value) => value;

    /// <inheritdoc/>
    public static SafeFileHandle Adopt(SafeFileHandle received) => received;
}

/// <summary>A <see cref="SafeSocketHandle"/>: a socket of any family.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SocketHandleKind : IDescriptorKind<SafeSocketHandle>
{
    /// <inheritdoc/>
    public static SafeHandle HandleOf(SafeSocketHandle value) => value;

    /// <inheritdoc/>
    public static SafeSocketHandle Adopt(SafeFileHandle received)
    {
        ReceivedSockets.Check(received, "a SafeSocketHandle", unixStreamOnly: false);
        return ReceivedSockets.TakeHandle(received);
    }
}

/// <summary>A <see cref="System.Net.Sockets.Socket"/>: a socket of any family.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SocketKind : IDescriptorKind<Socket>
{
    /// <inheritdoc/>
    public static SafeHandle HandleOf(Socket value) => value.SafeHandle;

    /// <inheritdoc/>
    public static Socket Adopt(SafeFileHandle received)
    {
        ReceivedSockets.Check(received, "a Socket", unixStreamOnly: false);
        return ReceivedSockets.TakeSocket(received);
    }
}

/// <summary>A <see cref="ChannelEnd{TContract}"/>: an AF_UNIX stream socket.</summary>
/// <typeparam name="TContract">The contract spoken on the channel.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ChannelEndKind<TContract> : IDescriptorKind<ChannelEnd<TContract>>
    where TContract : class
{
    /// <inheritdoc/>
    public static SafeHandle HandleOf(ChannelEnd<TContract> value) => value.Socket.SafeHandle;

    /// <inheritdoc/>
    public static ChannelEnd<TContract> Adopt(SafeFileHandle received)
    {
        ReceivedSockets.Check(received, $"a channel end of {typeof(TContract).Name}", unixStreamOnly: true);
        Socket socket = ReceivedSockets.TakeSocket(received);
        try
        {
            return new ChannelEnd<TContract>(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>Checks and wraps descriptors that should be sockets.</summary>
internal static class ReceivedSockets
{
    /// <summary>Throws <see cref="ChannelProtocolException"/> unless <paramref name="received"/> is a socket (an
    /// AF_UNIX stream socket with <paramref name="unixStreamOnly"/>).</summary>
    public static unsafe void Check(SafeFileHandle received, string what, bool unixStreamOnly)
    {
        int fd = (int)received.DangerousGetHandle(); // owned by the frame for the whole check
        int domain = 0, type = 0;
        uint length = sizeof(int);
        if (Libc.GetSockOpt(fd, Libc.SOL_SOCKET, Libc.SO_DOMAIN, &domain, &length) != 0)
        {
            throw new ChannelProtocolException(
                $"Received a descriptor for {what} that is not a socket ({Errno.Name(Errno.Last)} from getsockopt): it was closed.");
        }

        length = sizeof(int);
        if (Libc.GetSockOpt(fd, Libc.SOL_SOCKET, Libc.SO_TYPE, &type, &length) != 0)
        {
            throw new ChannelProtocolException($"Received a descriptor for {what} whose socket type cannot be read: it was closed.");
        }

        if (unixStreamOnly && (domain != Libc.AF_UNIX || type != Libc.SOCK_STREAM))
        {
            throw new ChannelProtocolException(
                $"Received a descriptor for {what} that is a socket of family {domain} and type {type}, not an AF_UNIX stream socket: it was closed.");
        }
    }

    /// <summary>Moves the descriptor into a <see cref="SafeSocketHandle"/> that owns it.</summary>
    public static SafeSocketHandle TakeHandle(SafeFileHandle received)
    {
        var handle = new SafeSocketHandle(received.DangerousGetHandle(), ownsHandle: true);
        received.SetHandleAsInvalid(); // the socket handle closes it now, once
        return handle;
    }

    /// <summary>Moves the descriptor into a <see cref="Socket"/> that owns it.</summary>
    public static Socket TakeSocket(SafeFileHandle received)
    {
        SafeSocketHandle handle = TakeHandle(received);
        try
        {
            return new Socket(handle);
        }
        catch (SocketException ex)
        {
            handle.Dispose();
            throw new ChannelProtocolException($"Received a socket that .NET cannot open: {ex.Message}. It was closed.", ex);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
