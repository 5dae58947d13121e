using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using SocketPairGen.Wire;

namespace SocketPairGen.TestChild;

/// <summary>
/// A hand-written <see cref="TestContracts.IStress"/> server that breaks at a chosen byte, then signals the parent.
/// Arguments: <c>fault cut requests blockLength readyFile</c>, where fault is
/// <list type="bullet">
/// <item><c>reply-kill</c>: read <c>requests</c> requests, write the first <c>cut</c> bytes of a reply (a
/// <c>blockLength</c>-byte array) to the first one, signal, and wait for the parent's SIGKILL;</item>
/// <item><c>reply-half-close</c>: the same, then shut down the sending side (shutdown SHUT_WR) and read until the
/// parent closes;</item>
/// <item><c>request-kill</c>: read whole requests until one announces at least <c>blockLength</c> payload bytes,
/// read only the first <c>cut</c> bytes of that one, signal, and wait for the SIGKILL;</item>
/// <item><c>stop-reading</c>: read <c>requests</c> requests, signal, and never read again.</item>
/// </list>
/// The signal carries the moment of the fault for the half-close; for the others the parent's kill is the moment.
/// </summary>
internal static class FaultServerMode
{
    public static int Run(string[] args)
    {
        string fault = args[0];
        int cut = int.Parse(args[1], CultureInfo.InvariantCulture);
        int requests = int.Parse(args[2], CultureInfo.InvariantCulture);
        int blockLength = int.Parse(args[3], CultureInfo.InvariantCulture);
        string readyFile = args[4];

        using Socket socket = ChildProcess.OpenInheritedSocket();
        FaultPeer.SendHello(socket, Hello.ServerRole);
        FaultPeer.ReadFrame(socket); // the client's hello
        switch (fault)
        {
            case "reply-kill":
                WriteCutReply(socket, ReadRequests(socket, requests), cut, blockLength);
                FaultPeer.SignalReady(readyFile, Stopwatch.GetTimestamp());
                return FaultPeer.AwaitDeath();
            case "reply-half-close":
                WriteCutReply(socket, ReadRequests(socket, requests), cut, blockLength);
                long closedAt = Stopwatch.GetTimestamp();
                socket.Shutdown(SocketShutdown.Send);
                FaultPeer.SignalReady(readyFile, closedAt);
                return DrainUntilClosed(socket);
            case "request-kill":
                while (FaultPeer.PeekHeader(socket).PayloadLength < blockLength)
                {
                    FaultPeer.ReadFrame(socket);
                }

                FaultPeer.ReadExactly(socket, cut);
                FaultPeer.SignalReady(readyFile, Stopwatch.GetTimestamp());
                return FaultPeer.AwaitDeath();
            case "stop-reading":
                ReadRequests(socket, requests);
                FaultPeer.SignalReady(readyFile, Stopwatch.GetTimestamp());
                return FaultPeer.AwaitDeath();
            default:
                throw new ArgumentException($"Unknown fault '{fault}'.");
        }
    }

    /// <summary>Reads <paramref name="count"/> requests (ignoring cancel frames); returns the first one's header.</summary>
    private static FrameHeader ReadRequests(Socket socket, int count)
    {
        FrameHeader first = default;
        for (int read = 0; read < count;)
        {
            (FrameHeader header, _) = FaultPeer.ReadFrame(socket);
            if (header.Kind == FrameKind.Request)
            {
                first = read == 0 ? header : first;
                read++;
            }
        }

        return first;
    }

    private static void WriteCutReply(Socket socket, FrameHeader request, int cut, int blockLength) =>
        socket.Send(FaultPeer.ResponseFrame(request, blockLength).AsSpan(0, cut));

    private static int DrainUntilClosed(Socket socket)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset by the parent: closed all the same.
        }

        return 0;
    }
}
