namespace SocketPairGen.Samples.FileDigest;

/// <summary>The supervisor's command line.</summary>
internal sealed record Options(string? Folder, bool CrashOnce, bool Verify, bool PassDescriptors)
{
    public const string Usage = """
        usage: SocketPairGen.Samples.FileDigest [folder] [--pass-descriptors] [--crash-once] [--verify]

          folder        what to digest (default: the SocketPairGen repository, else the current directory);
                        bin, obj and .git are left out
          --pass-descriptors
                        open each file in the supervisor and pass the open file to the worker, which reads it
                        without opening any path (a sandboxed worker's only access); by default the contents
                        travel as bytes
          --crash-once  make the first worker die halfway through, to watch the supervisor recover
          --verify      digest every file again in the supervisor and compare

        exit codes: 0 done, 1 a digest did not verify, 2 bad arguments, 3 workers kept dying on one file
        """;

    /// <summary>The options, or null and the reason when the arguments are not understood.</summary>
    public static Options? Parse(string[] arguments, out string? error)
    {
        string? folder = null;
        bool crashOnce = false;
        bool verify = false;
        bool passDescriptors = false;
        error = null;
        foreach (string argument in arguments)
        {
            switch (argument)
            {
                case "--crash-once":
                    crashOnce = true;
                    break;
                case "--verify":
                    verify = true;
                    break;
                case "--pass-descriptors":
                    passDescriptors = true;
                    break;
                case "-h" or "--help":
                    return null;
                case ['-', ..]:
                    error = $"unknown option '{argument}'";
                    return null;
                default:
                    if (folder is not null)
                    {
                        error = $"one folder only ('{folder}' and '{argument}')";
                        return null;
                    }

                    folder = argument;
                    break;
            }
        }

        return new Options(folder, crashOnce, verify, passDescriptors);
    }
}
