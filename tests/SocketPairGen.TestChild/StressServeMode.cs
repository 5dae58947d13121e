using System.Globalization;
using SocketPairGen.TestContracts;

namespace SocketPairGen.TestChild;

/// <summary>
/// Serves <see cref="IStress"/> on the inherited socket until the parent closes it. Arguments:
/// <c>maxConcurrentCalls maxFrameSize</c>. Exits 0 when the parent closed the channel; 1 when serving faulted; 3 when
/// a <see cref="StressAction.WaitForCancel"/> call waited its full length, which in a stress run (where the client
/// cancels every such call within milliseconds) means the server never acted on its cancel frame. The reason goes
/// to standard error.
/// </summary>
internal static class StressServeMode
{
    public const int LostCancellationExitCode = 3;

    public static int Run(string[] args)
    {
        var options = new ChannelOptions
        {
            MaxConcurrentCalls = int.Parse(args[0], CultureInfo.InvariantCulture),
            MaxFrameSize = int.Parse(args[1], CultureInfo.InvariantCulture),
        };
        var service = new StressService(keepJournal: true);
        try
        {
            IStress.ServeAsync(ChildProcess.OpenInheritedSocket(), service, options).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"SocketPairGen.TestChild serve-stress: serving faulted: {ex}");
            return 1;
        }

        if (service.WaitsTimedOut.Count > 0)
        {
            Console.Error.WriteLine(
                $"SocketPairGen.TestChild serve-stress: {service.WaitsTimedOut.Count} cancelled calls waited their full length on the server: " +
                string.Join(", ", service.WaitsTimedOut.Order().Take(20).Select(StressPattern.Describe)));
            return LostCancellationExitCode;
        }

        return 0;
    }
}
