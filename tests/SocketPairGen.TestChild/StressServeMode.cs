using System.Globalization;
using SocketPairGen.TestContracts;

namespace SocketPairGen.TestChild;

/// <summary>Serves <see cref="IStress"/> on the inherited socket until the parent closes it.
/// Arguments: <c>maxConcurrentCalls maxFrameSize</c>. Exits 0 when the parent closed the channel, 1 when serving
/// faulted (the error goes to standard error).</summary>
internal static class StressServeMode
{
    public static int Run(string[] args)
    {
        var options = new ChannelOptions
        {
            MaxConcurrentCalls = int.Parse(args[0], CultureInfo.InvariantCulture),
            MaxFrameSize = int.Parse(args[1], CultureInfo.InvariantCulture),
        };
        try
        {
            IStress.ServeAsync(ChildProcess.OpenInheritedSocket(), new StressService(), options).GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"SocketPairGen.TestChild serve-stress: serving faulted: {ex}");
            return 1;
        }
    }
}
