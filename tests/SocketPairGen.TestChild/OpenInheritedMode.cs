using System.Globalization;
using System.Net.Sockets;

namespace SocketPairGen.TestChild;

/// <summary>
/// Calls OpenInheritedSocket and writes to stdout "ok" or "ExceptionType: message". The tests run it through
/// /bin/sh with stdout redirected to the socket, because the point is to see it fail when fd 3 is not a socket.
/// Variants: "twice" calls it twice; "unix-dgram" and "inet-stream" first point SOCKETPAIRGEN_FD at a socket
/// of the wrong type or family that this process creates itself.
/// </summary>
internal static class OpenInheritedMode
{
    public static int Run(string[] arguments)
    {
        string variant = arguments.Length > 0 ? arguments[0] : "";
        using Socket? impostor = variant switch
        {
            "unix-dgram" => new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified),
            "inet-stream" => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp),
            _ => null,
        };
        if (impostor is not null)
        {
            Environment.SetEnvironmentVariable(
                ChildProcess.DescriptorEnvironmentVariable, ((int)impostor.Handle).ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            using Socket socket = ChildProcess.OpenInheritedSocket();
            if (variant == "twice")
            {
                using Socket second = ChildProcess.OpenInheritedSocket();
            }

            Console.WriteLine("ok");
        }
        catch (Exception exception)
        {
            Console.WriteLine(exception.GetType().Name + ": " + exception.Message);
        }

        return 0;
    }
}
