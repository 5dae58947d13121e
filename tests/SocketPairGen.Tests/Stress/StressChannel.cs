using System.Globalization;
using System.Net.Sockets;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.Stress;

/// <summary>The two ends of a stress run: a client, and a server in this process (over a socket pair) or in a
/// TestChild process. Closing checks that the server ended as it should once the client closed.</summary>
internal sealed class StressChannel
{
    private readonly Task? _server;
    private readonly ChildProcess? _child;

    private StressChannel(IStress.Client client, StressService? service, Task? server, ChildProcess? child)
    {
        Client = client;
        Service = service;
        _server = server;
        _child = child;
    }

    public IStress.Client Client { get; }

    /// <summary>The in-process server's implementation, with its journal; null for a child.</summary>
    public StressService? Service { get; }

    public static StressChannel Start(StressConfiguration configuration)
    {
        var clientOptions = new ChannelOptions
        {
            MaxFrameSize = StressConfiguration.MaxFrameSize,
            RunContinuationsAsynchronously = configuration.AsyncContinuations,
        };
        if (configuration.InChild)
        {
            var child = ChildProcess.Start(TestChildPath.Value, [
                "serve-stress",
                configuration.MaxConcurrentCalls.ToString(CultureInfo.InvariantCulture),
                StressConfiguration.MaxFrameSize.ToString(CultureInfo.InvariantCulture)]);
            return new StressChannel(IStress.Connect(child.Socket, clientOptions), null, null, child);
        }

        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        var service = new StressService(keepJournal: true);
        var serverOptions = new ChannelOptions { MaxFrameSize = StressConfiguration.MaxFrameSize, MaxConcurrentCalls = configuration.MaxConcurrentCalls };
        Task server = IStress.ServeAsync(serverEnd, service, serverOptions);
        return new StressChannel(IStress.Connect(clientEnd, clientOptions), service, server, null);
    }

    /// <summary>Ends the run by force: every call still pending must now fail.</summary>
    public void Abort()
    {
        Client.Dispose();
        try
        {
            _child?.Kill();
        }
        catch (IOException)
        {
            // Already gone.
        }
    }

    /// <summary>Closes the client, then waits for the server's end: an in-process server completes normally, a
    /// child exits with 0 (or 137 after <see cref="Abort"/> killed it; 3 means it lost cancellations, see
    /// <c>serve-stress</c>). Returns what went wrong, or null.</summary>
    public async Task<string?> CloseAsync(bool aborted)
    {
        await Client.DisposeAsync();
        if (_server is not null)
        {
            await Task.WhenAny(_server, Task.Delay(SocketText.Timeout));
            return !_server.IsCompleted ? $"the server had not completed {SocketText.Timeout.TotalSeconds} s after the client closed"
                : _server.IsFaulted ? $"the server faulted: {_server.Exception!.InnerException}"
                : null;
        }

        await using ChildProcess child = _child!;
        Task<int> exited = child.WaitForExitAsync();
        await Task.WhenAny(exited, Task.Delay(SocketText.Timeout));
        return !exited.IsCompleted ? $"the child had not exited {SocketText.Timeout.TotalSeconds} s after the client closed"
            : exited.Result == 3 && !aborted ? "cancelled calls kept running in the child for their full wait (its cancel frames were never acted on; " +
                "its standard error names them)"
            : exited.Result != 0 && !(aborted && exited.Result == 128 + 9) ? $"the child exited with code {exited.Result} (its standard error says why)"
            : null;
    }
}
