using Microsoft.Win32.SafeHandles;
using SocketPairGen.Channels.Codecs;

namespace SocketPairGen.Channels.Descriptors;

/// <summary>
/// The descriptors that arrived with one frame, each owned from its arrival until the value that adopts it owns it.
/// The payload names them by index, in order (the n-th handle it names is descriptor n): a codec takes each in turn
/// (<see cref="Take{T, TKind}"/>), which checks it and wraps it as the contract's type. Once the whole payload is read
/// and every descriptor taken, <see cref="Commit"/> leaves them to the values; until then <see cref="CloseAll"/>
/// closes every one, wrapped or not, so a frame refused half-way leaks nothing.
/// </summary>
/// <remarks>Used by one thread at a time: the one that reads the frame's payload.</remarks>
internal sealed class ReceivedDescriptors
{
    private readonly SafeFileHandle[] _received;
    private readonly IDisposable?[] _owners;
    private int _taken;
    private bool _done;

    /// <param name="received">The frame's descriptors, as the reader received them (this object owns them now).</param>
    public ReceivedDescriptors(SafeFileHandle[] received)
    {
        _received = received;
        _owners = new IDisposable?[received.Length];
    }

    /// <summary>How many descriptors came with the frame.</summary>
    public int Count => _received.Length;

    /// <summary>Takes descriptor <paramref name="index"/>, which must be the next one, as a <typeparamref name="T"/>.</summary>
    /// <exception cref="ChannelProtocolException">Another index, one past the frame's descriptors, or a descriptor
    /// that is not what <typeparamref name="TKind"/> accepts.</exception>
    public T Take<T, TKind>(int index)
        where T : class, IDisposable
        where TKind : IDescriptorKind<T>
    {
        if (_done)
        {
            throw new InvalidOperationException("The frame's descriptors were already handed over or closed.");
        }

        if (index != _taken || index >= _received.Length)
        {
            throw new ChannelProtocolException(
                $"The payload names descriptor {index} where descriptor {_taken} was due; the frame brought {_received.Length}.");
        }

        T value = TKind.Adopt(_received[index]);
        _owners[index] = value;
        _taken++;
        return value;
    }

    /// <summary>Throws <see cref="ChannelProtocolException"/> unless the payload named every descriptor.</summary>
    public void EnsureAllTaken()
    {
        if (_taken != _received.Length)
        {
            throw new ChannelProtocolException(
                $"The frame brought {_received.Length} descriptor(s) and its payload names {_taken}.");
        }
    }

    /// <summary>The values read from the payload own the descriptors from now on.</summary>
    public void Commit() => _done = true;

    /// <summary>Closes every descriptor, wrapped or not, unless they were committed. Safe to call more than once.</summary>
    public void CloseAll()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        for (int i = 0; i < _received.Length; i++)
        {
            // A wrapper owns its descriptor (the received handle it came from was emptied, or is the wrapper itself);
            // one not taken, or whose wrapping failed, is still the received handle's.
            (_owners[i] ?? _received[i]).Dispose();
        }
    }
}
