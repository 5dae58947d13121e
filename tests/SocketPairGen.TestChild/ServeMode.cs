using System.Globalization;
using SocketPairGen.TestChild.Contracts;

namespace SocketPairGen.TestChild;

/// <summary>Serves the <see cref="Calculator"/> contract on the inherited socket until the parent closes it.
/// Arguments: [max concurrent calls].</summary>
internal static class ServeMode
{
    public static int Run(string[] args)
    {
        var options = new ChannelOptions
        {
            MaxConcurrentCalls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1,
        };
        Calculator.ServeAsync(ChildProcess.OpenInheritedSocket(), options).GetAwaiter().GetResult();
        return 0;
    }
}
