using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>
/// One real call, <c>EchoInt32(42)</c>, recorded between a real client and a real server: the handshake target
/// sends its request after a hostile client handshake and its reply after a hostile server handshake.
/// </summary>
internal sealed class Probe
{
    public const int Value = 42;

    private static readonly Lazy<Probe> Recorded = new(Record);

    private Probe(byte[] request, byte[] response)
    {
        Request = request;
        Response = response;
    }

    public static Probe Instance => Recorded.Value;

    /// <summary>The request frame (the call id of a fresh client's first call).</summary>
    public byte[] Request { get; }

    /// <summary>The server's Response frame to it.</summary>
    public byte[] Response { get; }

    private static Probe Record()
    {
        using var tap = new RecordingTap();
        var options = new ChannelOptions { MaxFrameSize = Limits.MaxFrameSize };
        Task serving = IEverything.ServeAsync(tap.ServerSocket, new Everything(), options);
        using (IEverything.Client client = IEverything.Connect(tap.ClientSocket, options))
        {
            if (client.EchoInt32(Value) != Value)
            {
                throw new InvalidOperationException("The probe call did not echo.");
            }
        }

        serving.Wait(TimeSpan.FromSeconds(10));
        tap.WaitForEnd();
        return new Probe(SecondFrame(tap.ClientToServer), SecondFrame(tap.ServerToClient));
    }

    private static byte[] SecondFrame(byte[] stream)
    {
        var frames = new List<RawFrame>();
        RawFrame.Split(stream, frames);
        RawFrame second = frames[1];
        return stream.AsSpan(second.Offset, FrameHeader.Size + (int)second.PayloadLength).ToArray();
    }
}
