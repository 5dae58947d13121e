using System.ComponentModel;
using System.Net.Sockets;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The client side of a channel: sends requests and matches replies to calls by call id. Generated
/// <c>IFoo.Client</c> proxies stand on it; it is public for them, not meant to be called by hand.
/// </summary>
/// <remarks>
/// <para>Any number of calls may be in flight from any number of threads. A synchronous call reads its own reply
/// from the socket when no other thread is reading (no thread hop); otherwise, and for awaited calls, a dedicated
/// reader thread reads and completes them. The receive side is <c>ChannelClient.Reading.cs</c>, the send side
/// <c>ChannelClient.Sending.cs</c>, the table of calls in flight <c>ChannelClient.Calls.cs</c>.</para>
/// <para>The first call waits for the server's handshake; from then on the client never has more unanswered
/// requests than the server's request window allows (a call waits for room, reading replies meanwhile).</para>
/// <para>The client owns the socket: disposing the client disposes it, and the server then sees the end of the
/// stream and completes.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class ChannelClient : IDisposable, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ChannelContract _contract;
    private readonly ChannelOptions _options;
    private readonly FrameWriter _writer;
    private readonly FrameReader _reader;

    private ChannelClient(Socket socket, ChannelContract contract, ChannelOptions options)
    {
        _socket = socket;
        _contract = contract;
        _options = options;
        _writer = new FrameWriter(socket, options.MaxFrameSize, TryReadWhileSendBlocked, NoOtherRequestUnanswered) { Contract = contract };
        _reader = new FrameReader(socket, options.MaxFrameSize, contract.MaxReplyDescriptors);
    }

    /// <summary>The contract this client speaks.</summary>
    public ChannelContract Contract => _contract;

    /// <summary>
    /// Starts the client side of a channel on a connected socket and sends the handshake. Nothing is read yet:
    /// the first call reads the server's handshake and fails with <see cref="ChannelProtocolException"/> if the
    /// server speaks another contract; no request is sent before that.
    /// </summary>
    /// <param name="socket">A connected stream socket (one end of a <see cref="SocketPair"/>, or
    /// <see cref="ChildProcess.Socket"/>). The client takes ownership of it.</param>
    /// <param name="contract">The contract's identity.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ChannelClosedException">The handshake could not be sent (the peer is gone, or the socket is not
    /// connected); the socket is closed.</exception>
    public static ChannelClient Connect(Socket socket, ChannelContract contract, ChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(contract);
        var client = new ChannelClient(socket, contract, options ?? ChannelOptions.Default);
        try
        {
            client._writer.WriteFrames(Hello.EncodeFrame(contract, Hello.ClientRole, HelloInfo.ForClient(client._options.MaxFrameSize)));
        }
        catch
        {
            socket.Dispose(); // the client owned it, and no client is returned to close it
            throw;
        }

        return client;
    }

    /// <summary>Calls method <paramref name="methodId"/> and blocks until its reply arrives.</summary>
    /// <typeparam name="TRequest">The request payload (the arguments).</typeparam>
    /// <typeparam name="TResult">The result.</typeparam>
    /// <typeparam name="TDecoder">Decodes the reply into a <typeparamref name="TResult"/>.</typeparam>
    /// <param name="methodId">The method's id in the contract.</param>
    /// <param name="request">The arguments.</param>
    /// <returns>The decoded result.</returns>
    /// <exception cref="ChannelRemoteException">The server's method threw.</exception>
    /// <exception cref="ChannelClosedException">The channel is closed or the peer is gone.</exception>
    /// <exception cref="ChannelProtocolException">The peer broke the protocol, or the request is larger than the
    /// maximum frame size (this side's or the server's; nothing was sent, the channel stays usable).</exception>
    public TResult Call<TRequest, TResult, TDecoder>(ushort methodId, TRequest request)
        where TRequest : IFramePayload, allows ref struct
        where TDecoder : IFrameDecoder<TResult>
    {
        var call = PendingCall<TResult, TDecoder>.Rent(isAsync: false);
        Send(call, methodId, ref request, default);
        WaitForReply(call);
        return call.GetSyncResult();
    }

    /// <summary>
    /// Calls method <paramref name="methodId"/> and blocks until its reply arrives or <paramref name="cancellationToken"/>
    /// fires: then the server is told (its token fires) and this call throws <see cref="OperationCanceledException"/> at once.
    /// </summary>
    /// <typeparam name="TRequest">The request payload (the arguments).</typeparam>
    /// <typeparam name="TResult">The result.</typeparam>
    /// <typeparam name="TDecoder">Decodes the reply into a <typeparamref name="TResult"/>.</typeparam>
    /// <param name="methodId">The method's id in the contract.</param>
    /// <param name="request">The arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decoded result.</returns>
    public TResult Call<TRequest, TResult, TDecoder>(ushort methodId, TRequest request, CancellationToken cancellationToken)
        where TRequest : IFramePayload, allows ref struct
        where TDecoder : IFrameDecoder<TResult>
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return Call<TRequest, TResult, TDecoder>(methodId, request);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var call = PendingCall<TResult, TDecoder>.Rent(isAsync: false);

        // The reader thread reads this reply; the caller only waits, so the token's callback can end the wait.
        call.UsesReaderThread = true;
        Send(call, methodId, ref request, cancellationToken);
        WaitForCompletion(call);
        return call.GetSyncResult();
    }

    /// <summary>Calls method <paramref name="methodId"/>; the returned task completes when its reply arrives.</summary>
    /// <typeparam name="TRequest">The request payload (the arguments).</typeparam>
    /// <typeparam name="TResult">The result.</typeparam>
    /// <typeparam name="TDecoder">Decodes the reply into a <typeparamref name="TResult"/>.</typeparam>
    /// <param name="methodId">The method's id in the contract.</param>
    /// <param name="request">The arguments; written to the socket before this method returns.</param>
    /// <param name="cancellationToken">Cancels the call: the server is told (its token fires) and the task ends
    /// with <see cref="OperationCanceledException"/> at once.</param>
    /// <returns>The decoded result. Await it once: a second await, or reading its result before it completed,
    /// throws <see cref="InvalidOperationException"/> and affects no other call.</returns>
    public ValueTask<TResult> CallAsync<TRequest, TResult, TDecoder>(ushort methodId, TRequest request, CancellationToken cancellationToken = default)
        where TRequest : IFramePayload, allows ref struct
        where TDecoder : IFrameDecoder<TResult>
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        var call = PendingCall<TResult, TDecoder>.Rent(isAsync: true);
        short version = call.Version;
        try
        {
            Send(call, methodId, ref request, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<TResult>(ex);
        }

        return new ValueTask<TResult>(call, version);
    }

    /// <summary>Calls a method whose reply is empty (<c>void</c>, <see cref="Task"/>, <see cref="ValueTask"/>).</summary>
    /// <typeparam name="TRequest">The request payload (the arguments).</typeparam>
    /// <param name="methodId">The method's id in the contract.</param>
    /// <param name="request">The arguments; written to the socket before this method returns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server replies. Await it once.</returns>
    public ValueTask CallAsync<TRequest>(ushort methodId, TRequest request, CancellationToken cancellationToken = default)
        where TRequest : IFramePayload, allows ref struct
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var call = PendingCall<EmptyPayload, EmptyPayload>.Rent(isAsync: true);
        short version = call.Version;
        try
        {
            Send(call, methodId, ref request, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }

        return new ValueTask(call, version);
    }

    /// <summary>Closes the channel: every pending call fails with <see cref="ChannelClosedException"/>, the
    /// socket is shut down and disposed, and the server sees the end of the stream.</summary>
    public void Dispose()
    {
        Fail(new ChannelClosedException("The channel was disposed."));
        StopReaderThread();
        _socket.Dispose();
    }

    /// <summary>Closes the channel; see <see cref="Dispose"/>. Does not block.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
