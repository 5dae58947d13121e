using System.ComponentModel;

namespace SocketPairGen.Channels;

/// <summary>
/// The base of every generated <c>IFoo.Client</c> proxy: it owns the proxy's <see cref="ChannelClient"/> and closes it,
/// so each contract's file holds only its own methods. The proxy keeps its own reference for calls, under a name
/// chosen to avoid the contract's method names; this class adds no member a contract method could collide with but
/// <see cref="Dispose"/> and <see cref="DisposeAsync"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ChannelProxy : IDisposable, IAsyncDisposable
{
    private readonly ChannelClient _channel;

    /// <summary>Takes ownership of <paramref name="channel"/>.</summary>
    /// <param name="channel">The connected client side of the channel.</param>
    protected ChannelProxy(ChannelClient channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
    }

    /// <summary>Closes the channel: calls in flight fail with <see cref="ChannelClosedException"/> and the server sees
    /// the end of the stream.</summary>
    public void Dispose() => _channel.Dispose();

    /// <summary>Closes the channel; see <see cref="Dispose"/>. Does not block.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync() => _channel.DisposeAsync();
}
