using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using SocketPairGen;

namespace Samples.Descriptors;

/// <summary>Handles as parameters and results: single, nullable, in arrays with a declared maximum, and channel ends
/// of this contract.</summary>
[SocketPairChannel]
public partial interface ISandbox
{
    long Measure(SafeFileHandle file);

    string? Describe(SafeFileHandle? file, int depth);

    int Scan([MaxDescriptors(16)] SafeFileHandle[] files, [MaxDescriptors(4)] Socket?[]? sockets);

    SafeFileHandle Open(string name);

    [return: MaxDescriptors(8)]
    Task<SafeFileHandle[]> OpenAllAsync(string pattern, CancellationToken cancellationToken);

    ValueTask<SafeSocketHandle?> AcceptAsync(Socket listener);

    ChannelEnd<ISandbox> Fork(ChannelEnd<ISandbox>? parent);
}
