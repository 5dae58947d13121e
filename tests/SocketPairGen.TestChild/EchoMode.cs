using System.Net.Sockets;

namespace SocketPairGen.TestChild;

/// <summary>Sends back whatever arrives on the inherited socket until the parent closes its end.</summary>
internal static class EchoMode
{
    public static int Run()
    {
        using Socket parent = ChildProcess.OpenInheritedSocket();
        byte[] buffer = new byte[4096];
        int received;
        while ((received = parent.Receive(buffer)) > 0)
        {
            parent.Send(buffer.AsSpan(0, received));
        }

        return 0;
    }
}
