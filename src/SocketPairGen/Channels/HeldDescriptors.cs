using Microsoft.Win32.SafeHandles;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels;

/// <summary>
/// The one batch of descriptors that arrived ahead of the frame that claims it. A sender attaches a frame's
/// descriptors to the first <c>sendmsg</c> of the frame's bytes; the kernel hands them over with the read that reaches
/// that first byte, a read that may also hold bytes sent before it and that stops right after the bytes they came with.
/// So the frame that owns a batch starts inside the read that delivered it, and that read ends inside the frame.
/// </summary>
/// <remarks>
/// At most one batch is held (a second before the first is claimed is a protocol error), so a peer can make this
/// process hold no more than one frame's worth of descriptors. The reader thread holds and claims; any thread may
/// close (a channel that ends while its reader is blocked).
/// </remarks>
internal sealed class HeldDescriptors
{
    private readonly Lock _lock = new();
    private SafeFileHandle[]? _batch;
    private long _readStart;
    private long _readEnd;
    private bool _closed;

    /// <summary>Whether a batch waits for its frame.</summary>
    public bool IsHolding
    {
        get
        {
            lock (_lock)
            {
                return _batch is not null;
            }
        }
    }

    /// <summary>Takes ownership of <paramref name="batch"/>, delivered by the read of stream bytes
    /// [<paramref name="readStart"/>, <paramref name="readEnd"/>).</summary>
    public void Hold(SafeFileHandle[] batch, long readStart, long readEnd)
    {
        bool second;
        lock (_lock)
        {
            second = !_closed;
            if (!_closed && _batch is null)
            {
                (_batch, _readStart, _readEnd) = (batch, readStart, readEnd);
                return;
            }
        }

        Close(batch);
        if (second)
        {
            CloseAll();
            throw new ChannelProtocolException("The peer sent a second batch of descriptors before a frame claimed the first: all were closed.");
        }
    }

    /// <summary>
    /// The descriptors of the whole frame of stream bytes [<paramref name="frameStart"/>, <paramref name="frameEnd"/>),
    /// which announces <paramref name="count"/>: the held batch when it is theirs, or null for a frame that announces
    /// none. Throws <see cref="ChannelProtocolException"/> (everything held closed) when they do not match: a batch of
    /// another size, one that did not arrive with the frame's first bytes, none at all, or one that belongs to this
    /// frame (or an earlier one) although it announces none. Called for every frame: allocates nothing unless it throws.
    /// </summary>
    public SafeFileHandle[]? Claim(FrameKind frame, int count, long frameStart, long frameEnd)
    {
        lock (_lock)
        {
            if (count == 0)
            {
                if (_batch is null || _readEnd > frameEnd)
                {
                    return null; // nothing held, or a batch of a later frame
                }
            }
            else if (_batch is not null && _batch.Length == count && _readStart <= frameStart && frameStart < _readEnd && _readEnd <= frameEnd)
            {
                SafeFileHandle[] claimed = _batch;
                _batch = null;
                return claimed;
            }
        }

        string held;
        lock (_lock)
        {
            held = _batch is null ? "none arrived with it" : $"{_batch.Length} arrived with stream bytes {_readStart} to {_readEnd}";
        }

        CloseAll();
        throw new ChannelProtocolException(
            $"A {frame} frame at stream bytes {frameStart} to {frameEnd} announces {count} descriptor(s), and {held}: all were closed.");
    }

    /// <summary>Closes what is held, and every batch held later.</summary>
    public void CloseAll()
    {
        SafeFileHandle[]? batch;
        lock (_lock)
        {
            _closed = true;
            batch = _batch;
            _batch = null;
        }

        if (batch is not null)
        {
            Close(batch);
        }
    }

    private static void Close(SafeFileHandle[] batch)
    {
        foreach (SafeFileHandle handle in batch)
        {
            handle.Dispose();
        }
    }
}
