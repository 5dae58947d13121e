using System.Net.Sockets;
using SocketPairGen.TestChild.JsonRpcContracts;
using StreamJsonRpc;

namespace SocketPairGen.TestChild;

/// <summary>
/// Serves <see cref="IJsonRpcCalculator"/> with StreamJsonRpc on the inherited socket until the parent closes it:
/// the peer the benchmarks compare channel calls against. Arguments: [wire format, see <see cref="JsonRpcWireFormat"/>].
/// </summary>
internal static class JsonRpcMode
{
    public static int Run(string[] args)
    {
        JsonRpcWireFormat format = args.Length > 0 ? JsonRpcWire.Parse(args[0]) : JsonRpcWire.DefaultFormat;
        using var stream = new NetworkStream(ChildProcess.OpenInheritedSocket(), ownsSocket: true);
        using var rpc = new JsonRpc(JsonRpcWire.CreateHandler(stream, format));
        rpc.AddLocalRpcTarget<IJsonRpcCalculator>(new JsonRpcCalculatorServer(), options: null);
        rpc.StartListening();
        try
        {
            rpc.Completion.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or ConnectionLostException or ObjectDisposedException)
        {
            // The parent went away mid-message: as good as a clean close for a benchmark peer.
        }

        return 0;
    }
}
