using System.Runtime.InteropServices;
using SocketPairGen.Wire;

namespace SocketPairGen.Channels.Descriptors;

/// <summary>
/// The descriptors of the frame being written, in the order its payload names them: a payload's handle codecs add
/// them through <see cref="WireWriter.WriteDescriptor"/>, the frame writer sends them with the frame's first bytes.
/// One per frame writer, used under its send lock, emptied after every frame so it keeps no handle alive.
/// </summary>
internal sealed class OutgoingDescriptors
{
    private SafeHandle[]? _handles;

    /// <summary>How many the current frame carries.</summary>
    public int Count { get; private set; }

    /// <summary>The current frame's descriptors.</summary>
    public ReadOnlySpan<SafeHandle> Handles => _handles.AsSpan(0, Count);

    /// <summary>Adds a descriptor and returns its index in the frame.</summary>
    /// <exception cref="ArgumentException">The frame already carries <see cref="FrameHeader.MaxDescriptors"/>.</exception>
    public int Add(SafeHandle handle)
    {
        if (Count == FrameHeader.MaxDescriptors)
        {
            throw new ArgumentException(
                $"A frame carries at most {FrameHeader.MaxDescriptors} descriptors (the kernel's limit for one message); nothing was sent.");
        }

        _handles ??= new SafeHandle[FrameHeader.MaxDescriptors]; // only channels that send descriptors pay for it
        _handles[Count] = handle;
        return Count++;
    }

    /// <summary>Forgets the current frame's descriptors (the caller keeps its handles).</summary>
    public void Clear()
    {
        if (Count > 0)
        {
            Array.Clear(_handles!, 0, Count);
            Count = 0;
        }
    }
}
