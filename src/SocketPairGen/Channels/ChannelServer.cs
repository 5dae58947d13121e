using System.ComponentModel;
using System.Net.Sockets;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The server side of a channel: reads requests on a dedicated thread and hands them to a dispatcher.
/// Generated <c>IFoo.ServeAsync</c> stands on it; it is public for generated code, not meant to be called by hand.
/// </summary>
/// <remarks>
/// Requests start in arrival order; with <see cref="ChannelOptions.MaxConcurrentCalls"/> at 1 (the default) each
/// call finishes before the next starts. Cancel frames are handled as they arrive. The server owns the socket
/// and disposes it when serving ends.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ChannelServer
{
    private readonly Socket _socket;
    private readonly ChannelContract _contract;
    private readonly IChannelDispatcher _dispatcher;
    private readonly ChannelOptions _options;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;
    private volatile Exception? _failure;

    private ChannelServer(Socket socket, ChannelContract contract, IChannelDispatcher dispatcher, ChannelOptions options)
    {
        _socket = socket;
        _contract = contract;
        _dispatcher = dispatcher;
        _options = options;
        _reader = new FrameReader(socket, options.MaxFrameSize);
        _writer = new FrameWriter(socket, options.MaxFrameSize);
    }

    /// <summary>
    /// Serves calls on <paramref name="socket"/> until the client closes the channel (the task completes), the
    /// client breaks the protocol or speaks another contract (the task faults with
    /// <see cref="ChannelProtocolException"/>), or <paramref name="cancellationToken"/> fires (the task is cancelled).
    /// </summary>
    /// <param name="socket">A connected stream socket; the server takes ownership of it.</param>
    /// <param name="contract">The contract's identity.</param>
    /// <param name="dispatcher">Routes requests to the implementation.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops serving.</param>
    /// <returns>A task that completes when serving ends.</returns>
    public static Task ServeAsync(Socket socket, ChannelContract contract, IChannelDispatcher dispatcher, ChannelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return Task.FromCanceled(cancellationToken);
        }

        var server = new ChannelServer(socket, contract, dispatcher, options ?? ChannelOptions.Default);
        var thread = new Thread(() => server.Run(cancellationToken)) { IsBackground = true, Name = "SocketPairGen server" };
        thread.Start();
        return server._completion.Task;
    }

    private void Run(CancellationToken cancellationToken)
    {
        Exception? error = null;
        using (cancellationToken.UnsafeRegister(static state => ((ChannelServer)state!).RequestStop(), this))
        {
            try
            {
                _writer.WriteFrames(Hello.EncodeFrame(_contract, Hello.ServerRole, new HelloInfo(_options.MaxFrameSize, MaxQueuedRequests, MaxQueuedBytes)));
                ReadLoop();
            }
            catch (ChannelClosedException)
            {
                // The client is gone (reset, or it closed before the handshake): serving is over.
            }
            catch (ChannelProtocolException ex)
            {
                error = ex;
            }
        }

        error ??= _failure;
        Shutdown();
        if (error is not null)
        {
            _completion.TrySetException(error);
        }
        else if (_stopRequested && cancellationToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(cancellationToken);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    private void ReadLoop()
    {
        bool handshakeDone = false;
        while (_failure is null && _reader.TryReadFrame(out FrameHeader header, out ReadOnlyMemory<byte> payload))
        {
            if (!handshakeDone)
            {
                if (header.Kind != FrameKind.Hello)
                {
                    throw new ChannelProtocolException($"The client's first frame is a {header.Kind} frame, not the handshake.");
                }

                Hello.Validate(payload.Span, _contract, Hello.ClientRole);
                handshakeDone = true;
                continue;
            }

            switch (header.Kind)
            {
                case FrameKind.Request:
                    if (header.MethodId >= _contract.MethodCount)
                    {
                        throw new ChannelProtocolException(
                            $"Received a call of method id {header.MethodId}; the contract {_contract} has {_contract.MethodCount} methods.");
                    }

                    OnRequest(header, payload);
                    break;
                case FrameKind.Cancel:
                    if (!payload.IsEmpty)
                    {
                        throw new ChannelProtocolException("Received a cancel frame with a payload.");
                    }

                    OnCancel(header.CallId);
                    break;
                default:
                    throw new ChannelProtocolException($"Received a {header.Kind} frame, which a client never sends.");
            }
        }
    }

    private void RequestStop()
    {
        _stopRequested = true;
        ShutdownSocket();
        SignalQueueSpace();
    }

    /// <summary>Stops serving because of <paramref name="error"/> found off the reader thread (a malformed queued request).</summary>
    private void Fail(Exception error)
    {
        _failure ??= error;
        ShutdownSocket();
        SignalQueueSpace();
    }

    private void ShutdownSocket()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already shut down or closed.
        }
    }

    /// <summary>Serving is over: cancel the calls still running (their replies will be dropped) and close the socket.</summary>
    private void Shutdown()
    {
        CancelAllCalls();
        ShutdownSocket();
        _socket.Dispose();
    }
}
