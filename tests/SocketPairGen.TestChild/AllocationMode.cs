using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.TestChild;

/// <summary>
/// Counts what channel calls allocate, client and server together, in a process where nothing else runs (a test
/// host allocates in the background and would drown the count). Runs a Calculator server and client over a pair
/// of its own and reports over the inherited socket "calls bytes" for the measured calls.
/// Arguments: [calls of each kind].
/// </summary>
internal static class AllocationMode
{
    public static int Run(string[] args)
    {
        int calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        using Socket parent = ChildProcess.OpenInheritedSocket();
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = Calculator.ServeAsync(serverEnd);
        var client = new CalculatorClient(clientEnd);

        CallAsync(client, 2_000).GetAwaiter().GetResult(); // warm up: JIT tiers, pools, buffers, the reader thread
        long before = GC.GetTotalAllocatedBytes(precise: true);
        CallAsync(client, calls).GetAwaiter().GetResult();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        client.Dispose();
        server.GetAwaiter().GetResult();
        parent.Send(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{2 * calls} {allocated}")));
        return 0;
    }

    /// <summary>Synchronous and awaited calls, alternating.</summary>
    private static async Task CallAsync(CalculatorClient client, int calls)
    {
        for (int i = 0; i < calls; i++)
        {
            client.Add(i, 1);
            await client.AddAsync(i, 1);
        }
    }
}
