using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SocketPairGen;

// The parent spawns this same program with "--child". The child gets one end of a fresh socketpair as its
// fd 3 and nothing else of the parent's; each side sends length-prefixed UTF-8 messages over it.
if (args is ["--child", ..])
{
    return Child.Run();
}

return Parent.Run(args is [var countText, ..] && int.TryParse(countText, out int count) ? count : 10_000);

internal static class Parent
{
    public static int Run(int roundTrips)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell this program's path.");
        using ChildProcess child = ChildProcess.Start(self, ["--child"]);
        Console.WriteLine($"parent {Environment.ProcessId} started child {child.Id}; it holds one end of the pair as fd 3");

        Socket socket = child.Socket;
        Messages.Send(socket, "hello from the parent");
        Console.WriteLine($"child says: {Messages.Receive(socket)}");

        // Ping-pong: measure the round trip of a 16-byte message.
        var latencies = new double[roundTrips];
        for (int i = 0; i < roundTrips; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Messages.Send(socket, $"ping {i,10}");
            string reply = Messages.Receive(socket) ?? throw new IOException("The child closed the socket.");
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (reply != $"pong {i,10}")
            {
                throw new InvalidDataException($"Unexpected reply '{reply}'.");
            }
        }

        Array.Sort(latencies);
        Console.WriteLine($"{roundTrips} round trips: median {latencies[roundTrips / 2]:F1} µs, p99 {latencies[roundTrips * 99 / 100]:F1} µs");

        // Closing our end is how the child learns we are done: it sees the end of the stream and exits.
        socket.Shutdown(SocketShutdown.Send);
        int exitCode = child.WaitForExitAsync().GetAwaiter().GetResult();
        Console.WriteLine($"child exited with code {exitCode}");
        return exitCode;
    }
}

internal static class Child
{
    public static int Run()
    {
        using Socket socket = ChildProcess.OpenInheritedSocket();
        string? greeting = Messages.Receive(socket);
        Messages.Send(socket, $"hello from child {Environment.ProcessId}, you said '{greeting}'");
        while (Messages.Receive(socket) is { } message)
        {
            Messages.Send(socket, message.Replace("ping", "pong", StringComparison.Ordinal));
        }

        return 0;
    }
}

/// <summary>A 4-byte little-endian length, then UTF-8 bytes.</summary>
internal static class Messages
{
    public static void Send(Socket socket, string text)
    {
        byte[] frame = new byte[4 + Encoding.UTF8.GetByteCount(text)];
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - 4);
        Encoding.UTF8.GetBytes(text, frame.AsSpan(4));
        socket.Send(frame);
    }

    /// <summary>The next message, or null when the peer closed its end.</summary>
    public static string? Receive(Socket socket)
    {
        Span<byte> header = stackalloc byte[4];
        if (!ReceiveExactly(socket, header))
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > 1 << 20)
        {
            throw new InvalidDataException($"A message of {length} bytes is not plausible.");
        }

        byte[] body = new byte[length];
        return ReceiveExactly(socket, body) ? Encoding.UTF8.GetString(body) : throw new IOException("The peer closed the socket mid-message.");
    }

    private static bool ReceiveExactly(Socket socket, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int received = socket.Receive(destination);
            if (received == 0)
            {
                return false;
            }

            destination = destination[received..];
        }

        return true;
    }
}
