using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Channels;

/// <summary>
/// Descriptors that arrived with the stream (<c>SCM_RIGHTS</c>), owned here until a frame claims them or the channel
/// ends, when they are closed: none is ever left open behind the channel's back.
/// </summary>
/// <remarks>
/// On a stream socket the kernel hands over a <c>sendmsg</c>'s descriptors with the read that reaches the first byte
/// that <c>sendmsg</c> sent, and that read may also hold bytes sent before it. So a batch belongs to a frame that
/// starts before the end of the read that delivered it: once a frame is whole, every batch delivered by a read that
/// ended inside or before it belongs to it or to an earlier frame. Batches are kept in arrival order with that offset.
/// The reader thread adds and claims; any thread may close (a channel disposed while its reader is blocked).
/// </remarks>
internal sealed class ReceivedDescriptors
{
    private readonly Lock _lock = new();
    private readonly Queue<(SafeFileHandle[] Batch, long DeliveredBy)> _batches = new();
    private bool _closed;

    /// <summary>Takes ownership of <paramref name="batch"/>, delivered by a read that ended at stream offset
    /// <paramref name="deliveredBy"/>. After <see cref="CloseAll"/>, the batch is closed at once.</summary>
    public void Add(SafeFileHandle[] batch, long deliveredBy)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                _batches.Enqueue((batch, deliveredBy));
                return;
            }
        }

        Close(batch);
    }

    /// <summary>How many descriptors arrived by reads that ended at or before <paramref name="frameEnd"/>: they belong
    /// to the frame that ends there or to an earlier one.</summary>
    public int DeliveredUpTo(long frameEnd)
    {
        lock (_lock)
        {
            int count = 0;
            foreach ((SafeFileHandle[] batch, long deliveredBy) in _batches)
            {
                if (deliveredBy > frameEnd)
                {
                    break;
                }

                count += batch.Length;
            }

            return count;
        }
    }

    /// <summary>Closes every descriptor held, and every one added later.</summary>
    public void CloseAll()
    {
        List<SafeFileHandle[]> batches;
        lock (_lock)
        {
            _closed = true;
            batches = [.. _batches.Select(b => b.Batch)];
            _batches.Clear();
        }

        foreach (SafeFileHandle[] batch in batches)
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
