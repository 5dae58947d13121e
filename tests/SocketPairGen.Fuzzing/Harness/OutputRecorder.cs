using System.Net.Sockets;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Harness;

/// <summary>
/// Reads everything the channel under test writes to the harness's end of the pair, on a thread of its own (so
/// the channel never blocks on a full socket), until the end of the stream. Keeps the frame headers, the first
/// frame's payload (the handshake) and whether the stream ended on a frame boundary; skips other payloads. Its
/// buffers are reused from input to input.
/// </summary>
internal sealed class OutputRecorder
{
    private const int FirstPayloadCapacity = 4096;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly object _progress = new();
    private bool _ended;
    private readonly byte[] _header = new byte[FrameHeader.Size];
    private readonly byte[] _firstPayload = new byte[FirstPayloadCapacity];
    private Socket? _socket;
    private Thread? _thread;
    private int _firstPayloadLength;

    /// <summary>The headers of the frames received, in order.</summary>
    public List<RawFrame> Frames { get; } = new(256);

    /// <summary>The first frame's payload (up to 4 KiB of it).</summary>
    public ReadOnlySpan<byte> FirstPayload => _firstPayload.AsSpan(0, _firstPayloadLength);

    /// <summary>True when the stream ended inside a frame.</summary>
    public bool EndedInsideFrame { get; private set; }

    /// <summary>The socket error that ended reading, when it was not a clean end of stream.</summary>
    public SocketError? Error { get; private set; }

    /// <summary>Bytes received in all.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Starts reading <paramref name="socket"/> until its end of stream, or until <paramref name="timeoutMilliseconds"/>
    /// pass without a byte.</summary>
    public void Start(Socket socket, int timeoutMilliseconds)
    {
        _socket = socket;
        Frames.Clear();
        _ended = false;
        _firstPayloadLength = 0;
        EndedInsideFrame = false;
        Error = null;
        TotalBytes = 0;
        socket.ReceiveTimeout = timeoutMilliseconds;
        _thread = new Thread(Run) { IsBackground = true, Name = "fuzz output recorder" };
        _thread.Start();
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until at least <paramref name="frames"/> frames arrived or the stream
    /// ended: lets a server answer the requests it was sent before the harness ends the stream (a server drops
    /// what it has not answered when its client goes away).
    /// </summary>
    public void WaitForFrames(int frames, TimeSpan timeout)
    {
        lock (_progress)
        {
            long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (!_ended && Frames.Count < frames)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return;
                }

                Monitor.Wait(_progress, (int)left);
            }
        }
    }

    /// <summary>Waits until the channel closed its end (or reading failed), within the input's time.</summary>
    public void WaitForEnd(InputBudget budget, string what) => budget.JoinOrHang(_thread!, what);

    private void Run()
    {
        int headerFill = 0;
        long headerStart = 0;
        long payloadLeft = 0;
        bool inPayload = false;
        try
        {
            int received;
            while ((received = _socket!.Receive(_buffer)) > 0)
            {
                TotalBytes += received;
                ReadOnlySpan<byte> data = _buffer.AsSpan(0, received);
                while (!data.IsEmpty)
                {
                    if (inPayload)
                    {
                        int take = (int)Math.Min(payloadLeft, data.Length);
                        if (Frames.Count == 1)
                        {
                            int room = Math.Min(take, FirstPayloadCapacity - _firstPayloadLength);
                            data[..room].CopyTo(_firstPayload.AsSpan(_firstPayloadLength));
                            _firstPayloadLength += room;
                        }

                        data = data[take..];
                        payloadLeft -= take;
                        inPayload = payloadLeft > 0;
                        continue;
                    }

                    if (headerFill == 0)
                    {
                        headerStart = TotalBytes - data.Length;
                    }

                    int headerTake = Math.Min(FrameHeader.Size - headerFill, data.Length);
                    data[..headerTake].CopyTo(_header.AsSpan(headerFill));
                    headerFill += headerTake;
                    data = data[headerTake..];
                    if (headerFill == FrameHeader.Size)
                    {
                        RawFrame frame = RawFrame.Parse(_header, (int)Math.Min(int.MaxValue, headerStart));
                        lock (_progress)
                        {
                            Frames.Add(frame);
                            Monitor.PulseAll(_progress);
                        }

                        headerFill = 0;
                        payloadLeft = frame.PayloadLength;
                        inPayload = payloadLeft > 0;
                    }
                }
            }
        }
        catch (SocketException ex)
        {
            Error = ex.SocketErrorCode;
        }
        catch (ObjectDisposedException)
        {
            Error = SocketError.OperationAborted;
        }

        EndedInsideFrame = headerFill != 0 || inPayload;
        lock (_progress)
        {
            _ended = true;
            Monitor.PulseAll(_progress);
        }
    }
}
