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
/// call finishes before the next starts. The reader never stops reading for want of room: the client keeps within
/// the request window the server announces (a request beyond it is a protocol error), so Cancel frames and the end
/// of the stream are seen at all times. The server owns the socket and disposes it when serving ends.
/// <para>
/// The parts: this file runs the reader and ends serving; <c>ChannelServer.Requests.cs</c> admits requests
/// (window, duplicates, the queue) and starts them; <c>ChannelServer.Replies.cs</c> sends each call's one final
/// frame; <c>ChannelServer.Cancellation.cs</c> fires call tokens.
/// </para>
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

    /// <summary>The first error that ends serving, from any thread; <see cref="ServeAsync"/> faults with it.</summary>
    private Exception? _failure;

    private int _readerThreadId;

    /// <summary>The largest reply payload: the smaller of our maximum frame size and the client's. Set from the
    /// client's handshake before any request is read.</summary>
    private int _replyLimit;

    private ChannelServer(Socket socket, ChannelContract contract, IChannelDispatcher dispatcher, ChannelOptions options)
    {
        _socket = socket;
        _contract = contract;
        _dispatcher = dispatcher;
        _options = options;
        _reader = new FrameReader(socket, options.MaxFrameSize, contract.MaxRequestDescriptors);
        _writer = new FrameWriter(socket, options.MaxFrameSize) { Contract = contract };
        _answered = new AnsweredCallIds(RequestWindowCount);
    }

    /// <summary>Completes when serving ends, as <see cref="ServeAsync"/>'s task does.</summary>
    internal Task Completion => _completion.Task;

    /// <summary>
    /// Serves calls on <paramref name="socket"/> until the client closes the channel (the task completes), the
    /// client breaks the protocol or speaks another contract (the task faults with
    /// <see cref="ChannelProtocolException"/>), or <paramref name="cancellationToken"/> fires (the task is cancelled).
    /// An exception that no call can carry (a token callback or the dispatcher throwing after its call was answered)
    /// also ends serving: the task faults with it.
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

        return Start(socket, contract, dispatcher, options, cancellationToken).Completion;
    }

    /// <summary>Starts serving on a new reader thread and returns the server (tests drive its parts directly).</summary>
    internal static ChannelServer Start(Socket socket, ChannelContract contract, IChannelDispatcher dispatcher, ChannelOptions? options, CancellationToken cancellationToken)
    {
        var server = new ChannelServer(socket, contract, dispatcher, options ?? ChannelOptions.Default);
        var thread = new Thread(() => server.Run(cancellationToken)) { IsBackground = true, Name = "SocketPairGen server" };
        thread.Start();
        return server;
    }

    /// <summary>The reader thread. Nothing thrown on it escapes: an unexpected exception would end the process.</summary>
    private void Run(CancellationToken cancellationToken)
    {
        _readerThreadId = Environment.CurrentManagedThreadId;
        using (cancellationToken.UnsafeRegister(static state => ((ChannelServer)state!).RequestStop(), this))
        {
            try
            {
                _writer.WriteFrames(Hello.EncodeFrame(_contract, Hello.ServerRole, new HelloInfo(_options.MaxFrameSize, RequestWindowCount, RequestWindowBytes)));
                ReadLoop();
            }
            catch (ChannelClosedException)
            {
                // The client is gone (reset, or it closed before the handshake): serving is over.
            }
            catch (Exception ex)
            {
                // A protocol error, or anything else: serving ends and ServeAsync reports it.
                Fail(ex);
            }
        }

        Shutdown();
        Exception? error = Volatile.Read(ref _failure);
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
        if (!_reader.TryReadFrame(out FrameHeader header, out ReadOnlyMemory<byte> payload))
        {
            return; // closed before the handshake
        }

        if (header.Kind != FrameKind.Hello)
        {
            throw new ChannelProtocolException($"The client's first frame is a {header.Kind} frame, not the handshake.");
        }

        HelloInfo client = Hello.Validate(payload.Span, _contract, Hello.ClientRole);
        _replyLimit = Math.Min(_options.MaxFrameSize, client.MaxFrameSize);
        _writer.MaxPayloadLength = _replyLimit;

        while (Volatile.Read(ref _failure) is null && _reader.TryReadFrame(out header, out payload))
        {
            switch (header.Kind)
            {
                case FrameKind.Request:
                    OnRequest(header, payload);
                    break;
                case FrameKind.Cancel:
                    OnCancel(header.CallId);
                    break;
                case FrameKind.Hello:
                    throw new ChannelProtocolException("Received a second handshake from the client.");
                default:
                    throw new ChannelProtocolException($"Received a {header.Kind} frame, which a client never sends.");
            }
        }
    }

    private void RequestStop()
    {
        _stopRequested = true;
        ShutdownSocket();
    }

    /// <summary>Ends serving because of <paramref name="error"/>, found on any thread; the first error wins.</summary>
    private void Fail(Exception error)
    {
        Interlocked.CompareExchange(ref _failure, error, null);
        ShutdownSocket(); // the reader sees the end of the stream and stops
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
        _reader.CloseHeldDescriptors();
        _socket.Dispose();
    }
}
