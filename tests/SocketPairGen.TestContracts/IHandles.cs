using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.TestContracts;

/// <summary>Every handle type as a parameter and a result, single, nullable and in arrays, sync and awaited, and
/// channel ends of another contract and of this one.</summary>
[SocketPairChannel]
public partial interface IHandles
{
    /// <summary>Reads a file from its start and returns its text (the server owns the file and closes it).</summary>
    string ReadText(SafeFileHandle file);

    /// <summary>As <see cref="ReadText"/>, or null for a null handle.</summary>
    string? ReadTextOrNull(SafeFileHandle? file);

    /// <summary>As <see cref="ReadText"/>, awaited.</summary>
    ValueTask<string> ReadTextAsync(SafeFileHandle file, CancellationToken cancellationToken);

    /// <summary>Reads each file and joins the texts with '|'.</summary>
    string ReadTexts([MaxDescriptors(8)] SafeFileHandle[] files);

    /// <summary>A new unlinked file holding <paramref name="text"/>, open for reading.</summary>
    SafeFileHandle CreateText(string text);

    /// <summary>As <see cref="CreateText"/>, awaited.</summary>
    Task<SafeFileHandle> CreateTextAsync(string text);

    /// <summary>As <see cref="CreateText"/>, after <paramref name="delay"/>.</summary>
    Task<SafeFileHandle> CreateTextLaterAsync(string text, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary><paramref name="count"/> new files, the n-th holding <paramref name="text"/> and n.</summary>
    [return: MaxDescriptors(8)]
    SafeFileHandle[] CreateTexts(string text, int count);

    /// <summary>Null when <paramref name="create"/> is false.</summary>
    SafeFileHandle? MaybeCreateText(string text, bool create);

    /// <summary>Writes <paramref name="message"/> on the socket, then closes it.</summary>
    void WriteTo(Socket socket, string message);

    /// <summary>Writes <paramref name="value"/> (4 bytes) on the socket, then closes it.</summary>
    void WriteValueTo(SafeSocketHandle socket, int value);

    /// <summary>A socket whose peer has written <paramref name="message"/> and closed.</summary>
    Socket OpenReadableSocket(string message);

    /// <summary>As <see cref="OpenReadableSocket"/>, as a socket handle.</summary>
    SafeSocketHandle OpenReadableSocketHandle(string message);

    /// <summary><paramref name="count"/> sockets whose peers have each written <paramref name="message"/> and closed.</summary>
    [return: MaxDescriptors(4)]
    Socket[] OpenReadableSockets(string message, int count);

    /// <summary>Writes <paramref name="message"/> on each socket that is not null, closes them, and returns how many
    /// it wrote to.</summary>
    int WriteToAll([MaxDescriptors(4)] SafeSocketHandle?[] sockets, string message);

    /// <summary>A new channel, served by the server, counting from <paramref name="start"/>.</summary>
    ChannelEnd<ICounter> OpenCounter(int start);

    /// <summary>Calls <see cref="ICounter.Add"/> on the channel the client serves on the other end, <paramref name="calls"/>
    /// times with 1, and returns the last result.</summary>
    int UseCounter(ChannelEnd<ICounter> counter, int calls);

    /// <summary>A new channel of this contract, served by the server.</summary>
    ChannelEnd<IHandles> Fork();

    /// <summary>Holds the file until the call is cancelled, then closes it.</summary>
    Task HoldAsync(SafeFileHandle file, CancellationToken cancellationToken);

    /// <summary>Closes the file, then throws.</summary>
    void CloseAndThrow(SafeFileHandle file);

    /// <summary>Whether a file came; the server closes it and does nothing else: a call that passes one descriptor, or
    /// none, for the benchmark.</summary>
    bool Pass(SafeFileHandle? file);

    /// <summary>The file's length (-1 for null); the server closes it. With <see cref="Length"/>, what the benchmark
    /// compares: a call with a descriptor and without, and a large memory file passed against its bytes sent.</summary>
    long Size(SafeFileHandle? file);

    /// <summary>The block's length.</summary>
    long Length(ReadOnlyMemory<byte> block);

    /// <summary>How many descriptors the server's process has open.</summary>
    int OpenDescriptors();
}

/// <summary>A contract whose channel ends cross <see cref="IHandles"/>.</summary>
[SocketPairChannel]
public partial interface ICounter
{
    /// <summary>Adds to the count and returns it.</summary>
    int Add(int amount);
}
