using System.Diagnostics;
using SocketPairGen;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>A running worker: the child process and the channel's client on its socket. Disposing ends both.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process, IDigestWorker.Client client, TimeSpan startup)
    {
        _process = process;
        Client = client;
        Startup = startup;
    }

    /// <summary>From the spawn to the first answer: the process starting, the runtime loading, the handshake.</summary>
    public TimeSpan Startup { get; }

    public int Id => _process.Id;

    public IDigestWorker.Client Client { get; }

    /// <summary>Starts a worker and waits until it answers a call.</summary>
    public static WorkerProcess Start(SelfCommand self, IEnumerable<string> workerArguments)
    {
        long start = Stopwatch.GetTimestamp();
        ChildProcess process = ChildProcess.Start(self.FileName, [.. self.LeadingArguments, Worker.ModeArgument, .. workerArguments]);
        IDigestWorker.Client? client = null;
        try
        {
            client = IDigestWorker.Connect(process.Socket);
            client.Ready();
            return new WorkerProcess(process, client, Stopwatch.GetElapsedTime(start));
        }
        catch
        {
            client?.Dispose();
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How the process ended, for a message: read after <see cref="Dispose"/>, which waits until it has been
    /// reaped (killing it if it was still running after the grace period).
    /// </summary>
    public string DescribeExit()
    {
        if (!_process.HasExited)
        {
            return "still running";
        }

        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (IOException)
        {
            return "exit code unknown";
        }

        // The runtime reports a death by signal n as 128 + n, as shells do.
        return code > 128 ? $"exit code {code}: killed by {SignalName(code - 128)}" : $"exit code {code}";
    }

    /// <summary>Closes the channel (the worker sees end of stream and exits) and waits for the process to be gone.</summary>
    public void Dispose()
    {
        Client.Dispose();
        _process.Dispose();
    }

    private static string SignalName(int signal) => signal switch
    {
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
