using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels.Handles;

/// <summary>An <see cref="IHandles"/> client and where its server runs; <see cref="ServerDescriptors"/> counts the
/// server process's open descriptors.</summary>
public interface IHandlesPeer : IAsyncLifetime
{
    IHandles.Client Client { get; }

    /// <summary>How many descriptors the server's process has open, asked over the channel.</summary>
    int ServerDescriptors() => Client.OpenDescriptors();
}

/// <summary>An <see cref="IHandles"/> client talking to a server in this process.</summary>
public sealed class InProcessHandles : IHandlesPeer
{
    private Task _server = Task.CompletedTask;

    public IHandles.Client Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        _server = IHandles.ServeAsync(serverEnd, new TestContracts.Handles(), new ChannelOptions { MaxConcurrentCalls = 4 });
        Client = IHandles.Connect(clientEnd);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _server.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

/// <summary>An <see cref="IHandles"/> client talking to a child process that serves it.</summary>
public sealed class ChildProcessHandles : IHandlesPeer
{
    private ChildProcess? _child;

    public IHandles.Client Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _child = ChildProcess.Start(TestChildPath.Value, ["serve-generated", "handles"]);
        Client = IHandles.Connect(_child.Socket);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        int exitCode = await _child!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _child.DisposeAsync();
        Assert.Equal(0, exitCode);
    }
}

/// <summary>Files and sockets for the tests: unlinked temporary files, read from their start.</summary>
internal static class TestHandles
{
    public static SafeFileHandle TextFile(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), "spg-test-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        try
        {
            return File.OpenHandle(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string Read(SafeFileHandle file)
    {
        byte[] bytes = new byte[RandomAccess.GetLength(file)];
        int read = RandomAccess.Read(file, bytes, 0);
        return Encoding.UTF8.GetString(bytes, 0, read);
    }

    /// <summary>Reads until the peer closes.</summary>
    public static byte[] ReadToEnd(Socket socket)
    {
        socket.ReceiveTimeout = 10_000;
        using var bytes = new MemoryStream();
        byte[] buffer = new byte[256];
        int received;
        while ((received = socket.Receive(buffer)) > 0)
        {
            bytes.Write(buffer, 0, received);
        }

        return bytes.ToArray();
    }

    /// <summary>Whether <paramref name="handle"/>'s descriptor is close-on-exec, as /proc shows it.</summary>
    public static bool IsCloseOnExec(SafeHandle handle)
    {
        string flags = File.ReadAllLines($"/proc/self/fdinfo/{handle.DangerousGetHandle()}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & Tests.Descriptors.CloseOnExecFlag) != 0;
    }
}
