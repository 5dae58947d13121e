using System.Net.Sockets;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.TestContracts;

/// <summary>The server of <see cref="IHandles"/>: it owns every handle it receives and closes it.</summary>
public sealed class Handles : IHandles
{
    /// <inheritdoc/>
    public string ReadText(SafeFileHandle file)
    {
        using (file)
        {
            return Read(file);
        }
    }

    /// <inheritdoc/>
    public string? ReadTextOrNull(SafeFileHandle? file)
    {
        using (file)
        {
            return file is null ? null : Read(file);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<string> ReadTextAsync(SafeFileHandle file, CancellationToken cancellationToken)
    {
        using (file)
        {
            await Task.Yield();
            return Read(file);
        }
    }

    /// <inheritdoc/>
    public string ReadTexts(SafeFileHandle[] files)
    {
        try
        {
            return string.Join('|', files.Select(Read));
        }
        finally
        {
            foreach (SafeFileHandle file in files)
            {
                file.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public SafeFileHandle CreateText(string text) => Create(text);

    /// <inheritdoc/>
    public async Task<SafeFileHandle> CreateTextAsync(string text)
    {
        await Task.Yield();
        return Create(text);
    }

    /// <inheritdoc/>
    public async Task<SafeFileHandle> CreateTextLaterAsync(string text, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return Create(text);
    }

    /// <inheritdoc/>
    public SafeFileHandle[] CreateTexts(string text, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Create(text + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    /// <inheritdoc/>
    public SafeFileHandle? MaybeCreateText(string text, bool create) => create ? Create(text) : null;

    /// <inheritdoc/>
    public void WriteTo(Socket socket, string message)
    {
        using (socket)
        {
            socket.Send(Encoding.UTF8.GetBytes(message));
        }
    }

    /// <inheritdoc/>
    public void WriteValueTo(SafeSocketHandle socket, int value)
    {
        using var wrapped = new Socket(socket);
        wrapped.Send(BitConverter.GetBytes(value));
    }

    /// <inheritdoc/>
    public Socket OpenReadableSocket(string message)
    {
        (Socket mine, Socket theirs) = SocketPair.Create();
        using (mine)
        {
            mine.Send(Encoding.UTF8.GetBytes(message));
        }

        return theirs;
    }

    /// <inheritdoc/>
    public SafeSocketHandle OpenReadableSocketHandle(string message)
    {
        Socket socket = OpenReadableSocket(message);
        var handle = new SafeSocketHandle(socket.SafeHandle.DangerousGetHandle(), ownsHandle: true);
        socket.SafeHandle.SetHandleAsInvalid(); // the returned handle owns the descriptor now
        return handle;
    }

    /// <inheritdoc/>
    public Socket[] OpenReadableSockets(string message, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => OpenReadableSocket(message))];

    /// <inheritdoc/>
    public int WriteToAll(SafeSocketHandle?[] sockets, string message)
    {
        int written = 0;
        foreach (SafeSocketHandle? socket in sockets)
        {
            if (socket is not null)
            {
                using var wrapped = new Socket(socket);
                wrapped.Send(Encoding.UTF8.GetBytes(message));
                written++;
            }
        }

        return written;
    }

    /// <inheritdoc/>
    public ChannelEnd<ICounter> OpenCounter(int start)
    {
        (ChannelEnd<ICounter> mine, ChannelEnd<ICounter> theirs) = ChannelEnd<ICounter>.CreatePair();
        _ = ICounter.ServeAsync(mine, new Counter(start));
        return theirs;
    }

    /// <inheritdoc/>
    public int UseCounter(ChannelEnd<ICounter> counter, int calls)
    {
        using ICounter.Client client = ICounter.Connect(counter);
        int last = 0;
        for (int i = 0; i < calls; i++)
        {
            last = client.Add(1);
        }

        return last;
    }

    /// <inheritdoc/>
    public ChannelEnd<IHandles> Fork()
    {
        (ChannelEnd<IHandles> mine, ChannelEnd<IHandles> theirs) = ChannelEnd<IHandles>.CreatePair();
        _ = IHandles.ServeAsync(mine, new Handles());
        return theirs;
    }

    /// <inheritdoc/>
    public async Task HoldAsync(SafeFileHandle file, CancellationToken cancellationToken)
    {
        using (file)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public void CloseAndThrow(SafeFileHandle file)
    {
        file.Dispose();
        throw new InvalidOperationException("Closed the file, then threw.");
    }

    /// <inheritdoc/>
    public bool Pass(SafeFileHandle? file)
    {
        using (file)
        {
            return file is not null;
        }
    }

    /// <inheritdoc/>
    public long Size(SafeFileHandle? file)
    {
        using (file)
        {
            return file is null ? -1 : RandomAccess.GetLength(file);
        }
    }

    /// <inheritdoc/>
    public long Length(ReadOnlyMemory<byte> block) => block.Length;

    /// <inheritdoc/>
    public int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private static string Read(SafeFileHandle file)
    {
        byte[] bytes = new byte[RandomAccess.GetLength(file)];
        int read = RandomAccess.Read(file, bytes, 0);
        return Encoding.UTF8.GetString(bytes, 0, read);
    }

    private static SafeFileHandle Create(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), "spg-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        try
        {
            return File.OpenHandle(path);
        }
        finally
        {
            File.Delete(path); // the open handle keeps the file; nothing is left behind
        }
    }
}

/// <summary>The server of <see cref="ICounter"/>.</summary>
/// <param name="start">The first count.</param>
public sealed class Counter(int start) : ICounter
{
    private int _count = start;

    /// <inheritdoc/>
    public int Add(int amount) => Interlocked.Add(ref _count, amount);
}
