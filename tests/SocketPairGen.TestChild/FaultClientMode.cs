using System.Globalization;
using System.Net.Sockets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.TestChild;

/// <summary>
/// A hand-written <see cref="IStress"/> client that dies in the middle of a request. Arguments:
/// <c>cut blockLength readyFile</c>: after the handshake it sends two whole requests that wait for cancellation on
/// the server (call numbers 1 and 2), then the first <c>cut</c> bytes of a third request carrying a
/// <c>blockLength</c>-byte block, signals the parent, and waits for its SIGKILL.
/// </summary>
internal static class FaultClientMode
{
    public static int Run(string[] args)
    {
        int cut = int.Parse(args[0], CultureInfo.InvariantCulture);
        int blockLength = int.Parse(args[1], CultureInfo.InvariantCulture);
        string readyFile = args[2];

        using Socket socket = ChildProcess.OpenInheritedSocket();
        (_, byte[] hello) = FaultPeer.ReadFrame(socket);
        Hello.Validate(hello, IStress.Client.Contract, Hello.ServerRole);
        FaultPeer.SendHello(socket, Hello.ClientRole);

        for (uint call = 1; call <= 2; call++)
        {
            var waits = new StressOrder(call, StressAction.WaitForCancel, 60_000, StressPattern.ReplyPrefixLength);
            socket.Send(FaultPeer.RunAsyncRequestFrame(call, waits, []));
        }

        var large = new StressOrder(3, StressAction.Reply, 0, StressPattern.ReplyPrefixLength);
        socket.Send(FaultPeer.RunAsyncRequestFrame(3, large, StressPattern.Request(3, blockLength)).AsSpan(0, cut));
        FaultPeer.SignalReady(readyFile, System.Diagnostics.Stopwatch.GetTimestamp());
        return FaultPeer.AwaitDeath();
    }
}
