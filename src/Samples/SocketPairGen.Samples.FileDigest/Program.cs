using SocketPairGen.Samples.FileDigest;

// One program, two roles. Started plainly it is the supervisor: it walks a folder and hands every file to a
// worker. The worker is this same program, started by the supervisor with a hidden first argument; it shares
// nothing with the supervisor but one socket, so when it dies the supervisor just starts another.
if (args is [Worker.ModeArgument, .. var workerArguments])
{
    return await Worker.RunAsync(workerArguments);
}

const int Success = 0;
const int VerificationFailed = 1;
const int BadArguments = 2;
const int WorkerKeepsFailing = 3;

Options? options = Options.Parse(args, out string? error);
if (options is null)
{
    if (error is null)
    {
        Console.WriteLine(Options.Usage); // asked for with --help
        return Success;
    }

    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(Options.Usage);
    return BadArguments;
}

string folder = Path.GetFullPath(options.Folder ?? RepositoryFolder.Find());
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"error: '{folder}' is not a folder");
    return BadArguments;
}

FolderWalk walk = FolderWalk.Run(folder);
Console.WriteLine($"digesting {Units.Count(walk.Files.Count)} files ({Units.Megabytes(walk.TotalBytes)}) under {folder}");

var progress = new ProgressDisplay(walk.Files.Count, walk.TotalBytes);
RunResults results = new Supervisor(SelfCommand.Current(), progress).Run(walk, options.CrashOnce, options.PassDescriptors);
SummaryTable.Print(results);

if (results.Failure is not null)
{
    Console.Error.WriteLine($"error: {results.Failure}");
    return WorkerKeepsFailing;
}

if (options.Verify)
{
    Console.WriteLine();
    return Verifier.Verify(results) ? Success : VerificationFailed;
}

return Success;
