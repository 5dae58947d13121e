// The child program of the runtime tests and the benchmarks. The first argument names the mode; each
// mode lives in its own file. Every mode talks to the parent over the inherited socket (fd 3 by default).
namespace SocketPairGen.TestChild;

internal static class Program
{
    private static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        string[] rest = args.Length > 0 ? args[1..] : [];
        switch (mode)
        {
            case "exit":
                return rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
            case "serve-generated":
                return ServeGeneratedMode.Run(rest);
            case "serve-calculator":
                return ServeMode.Run(rest);
            case "raw-pingpong":
                return RawModes.PingPong();
            case "raw-pingpong-fd":
                return RawModes.PingPongWithDescriptor();
            case "raw-bulk":
                return RawModes.Bulk();
            case "emfile":
                return EmfileMode.Run();
            case "inherited-fds":
                return InheritedDescriptorsMode.Run();
            case "open-inherited":
                return OpenInheritedMode.Run(rest);
            case "allocations":
                return AllocationMode.Run(rest);
            case "serve-jsonrpc":
                return JsonRpcMode.Run(rest);
            case "echo":
                return EchoMode.Run();
            case "closed-std":
                return ClosedStandardStreamsMode.Run(rest);
            case "serve-stress":
                return StressServeMode.Run(rest);
            case "fault-server":
                return FaultServerMode.Run(rest);
            case "fault-client":
                return FaultClientMode.Run(rest);
            default:
                Console.Error.WriteLine($"SocketPairGen.TestChild: unknown mode '{mode}'");
                return 64;
        }
    }
}
