using System.Net.Sockets;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Harness;

/// <summary>Blocking reads and writes of the harness's end of a pair, each bounded by the input's time.</summary>
internal static class PeerIo
{
    /// <summary>
    /// Reads one whole frame into <paramref name="buffer"/> (header then payload). Returns false at the end of the
    /// stream. A frame larger than the buffer, or the time running out, is a finding: the channel under test
    /// wrote something it must not, or nothing at all.
    /// </summary>
    public static bool TryReadFrame(Socket socket, byte[] buffer, InputBudget budget, string what, out RawFrame frame, out ReadOnlySpan<byte> payload)
    {
        frame = default;
        payload = default;
        if (!ReadExactly(socket, buffer.AsSpan(0, FrameHeader.Size), budget, what))
        {
            return false;
        }

        frame = RawFrame.Parse(buffer, 0);
        if (frame.PayloadLength > (uint)(buffer.Length - FrameHeader.Size))
        {
            throw new FuzzFinding("frame-over-peer-max", $"{what}: a frame announcing {frame.PayloadLength} bytes, more than the {Limits.MaxFrameSize} announced.");
        }

        if (!ReadExactly(socket, buffer.AsSpan(FrameHeader.Size, (int)frame.PayloadLength), budget, what))
        {
            throw new FuzzFinding("torn-frame", $"{what}: the stream ended inside a frame.");
        }

        payload = buffer.AsSpan(FrameHeader.Size, (int)frame.PayloadLength);
        return true;
    }

    /// <summary>Writes all of <paramref name="bytes"/>. Returns false when the channel closed its end or stopped
    /// reading for the rest of the input's time (the caller's later checks judge that).</summary>
    public static bool TryWriteAll(Socket socket, ReadOnlySpan<byte> bytes, InputBudget budget)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                socket.SendTimeout = budget.RemainingMilliseconds;
                bytes = bytes[socket.Send(bytes)..];
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Signals the end of the input: the channel under test sees the end of the stream.</summary>
    public static void EndInput(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The channel closed first.
        }
    }

    private static bool ReadExactly(Socket socket, Span<byte> destination, InputBudget budget, string what)
    {
        while (!destination.IsEmpty)
        {
            int received;
            try
            {
                socket.ReceiveTimeout = budget.RemainingMilliseconds;
                received = socket.Receive(destination);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut || ex.SocketErrorCode == SocketError.WouldBlock)
            {
                throw new FuzzFinding("hang", $"{what}: nothing arrived within {Limits.TimePerInput.TotalMilliseconds:0} ms of the input's start.");
            }
            catch (SocketException)
            {
                return false;
            }

            if (received == 0)
            {
                return false;
            }

            destination = destination[received..];
        }

        return true;
    }
}
