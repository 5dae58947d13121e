namespace SocketPairGen.Samples.FileDigest;

/// <summary>How to start this same program again, whichever way it was started itself.</summary>
/// <param name="FileName">The executable.</param>
/// <param name="LeadingArguments">What must come before this program's own arguments.</param>
internal sealed record SelfCommand(string FileName, string[] LeadingArguments)
{
    public static SelfCommand Current()
    {
        string executable = Environment.ProcessPath
            ?? throw new InvalidOperationException("Cannot tell this program's path, so cannot start a worker.");

        // Under `dotnet run` the process is the apphost next to the dll, and published with NativeAOT it is the
        // native binary: either runs as is. Under `dotnet FileDigest.dll` the process is the dotnet host, which
        // needs the dll's path (argv[0] as .NET reports it) in front.
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            return new SelfCommand(executable, [Environment.GetCommandLineArgs()[0]]);
        }

        return new SelfCommand(executable, []);
    }
}
