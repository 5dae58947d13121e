using SocketPairGen.TestContracts;

namespace SocketPairGen.TestChild;

/// <summary>Serves a generated contract on the inherited socket until the parent closes it.
/// Arguments: the contract (<c>arithmetic</c>, <c>everything</c> or <c>handles</c>), and for <c>handles</c> the largest frame it accepts.</summary>
internal static class ServeGeneratedMode
{
    public static int Run(string[] args)
    {
        string contract = args.Length > 0 ? args[0] : "arithmetic";
        Task serving = contract switch
        {
            "arithmetic" => IArithmetic.ServeAsync(ChildProcess.OpenInheritedSocket(), new Arithmetic()),
            "everything" => IEverything.ServeAsync(ChildProcess.OpenInheritedSocket(), new Everything()),
            "handles" => IHandles.ServeAsync(ChildProcess.OpenInheritedSocket(), new Handles(), new ChannelOptions
            {
                MaxFrameSize = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ChannelOptions.DefaultMaxFrameSize,
            }),
            _ => throw new ArgumentException($"Unknown contract '{contract}'."),
        };
        serving.GetAwaiter().GetResult();
        return 0;
    }
}
