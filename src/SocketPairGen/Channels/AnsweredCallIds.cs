namespace SocketPairGen.Channels;

/// <summary>
/// The ids of the last answered calls, newest overwriting oldest. The server asks it whether a Cancel for a call it
/// no longer knows may still be legitimate (the Cancel crossed the answer on the wire). Not thread-safe.
/// </summary>
internal sealed class AnsweredCallIds(int capacity)
{
    private readonly uint[] _ids = new uint[capacity];
    private int _next;
    private int _count;

    public void Add(uint callId)
    {
        _ids[_next] = callId;
        _next = _next + 1 == _ids.Length ? 0 : _next + 1;
        if (_count < _ids.Length)
        {
            _count++;
        }
    }

    /// <summary>A vectorized scan: it runs only for a Cancel of a call no longer running or queued, which is rare.</summary>
    public bool Contains(uint callId) => _ids.AsSpan(0, _count).Contains(callId);
}
