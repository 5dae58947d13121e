using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.TestContracts;

/// <summary>The descriptor fuzz target's contract: every handle kind and shape as arguments, results without handles,
/// so what the target attacks is the receiving side's checks and the ownership of what arrived.</summary>
[SocketPairChannel]
public partial interface IDescriptorSink
{
    int File(SafeFileHandle file);

    int MaybeFile(SafeFileHandle? file, int tag);

    int Files([MaxDescriptors(4)] SafeFileHandle?[]? files);

    int Sockets(Socket socket, SafeSocketHandle? handle);

    int End(ChannelEnd<IDescriptorSink>? end, string? label);

    int Nothing(int value);
}

/// <summary>Closes everything it receives at once and counts it.</summary>
public sealed class DescriptorSink : IDescriptorSink
{
    /// <inheritdoc/>
    public int File(SafeFileHandle file)
    {
        file.Dispose();
        return 1;
    }

    /// <inheritdoc/>
    public int MaybeFile(SafeFileHandle? file, int tag)
    {
        file?.Dispose();
        return file is null ? 0 : 1;
    }

    /// <inheritdoc/>
    public int Files(SafeFileHandle?[]? files)
    {
        int count = 0;
        foreach (SafeFileHandle? file in files ?? [])
        {
            file?.Dispose();
            count += file is null ? 0 : 1;
        }

        return count;
    }

    /// <inheritdoc/>
    public int Sockets(Socket socket, SafeSocketHandle? handle)
    {
        socket.Dispose();
        handle?.Dispose();
        return handle is null ? 1 : 2;
    }

    /// <inheritdoc/>
    public int End(ChannelEnd<IDescriptorSink>? end, string? label)
    {
        end?.Dispose();
        return end is null ? 0 : 1;
    }

    /// <inheritdoc/>
    public int Nothing(int value) => value;
}
