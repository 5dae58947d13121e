using SocketPairGen.Fuzzing.Targets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>
/// Seeds of the descriptor target: a request of every <see cref="IDescriptorSink"/> method as the spec lays it out
/// (each handle an index among the frame's descriptors, in order, -1 for null; section 4.9 of WIRE-FORMAT.md),
/// counting in its header the descriptors it names, with each kind of descriptor attached, and a few that break the
/// rules (a count over the method's, an index named twice).
/// </summary>
internal static class DescriptorSeeds
{
    public static IReadOnlyList<FuzzInput> Build()
    {
        byte[][] requests =
        [
            Request("File", 1, 1, I32(0)),
            Request("MaybeFile", 2, 0, I32(-1), I32(7)),
            Request("MaybeFile", 3, 1, I32(0), I32(7)),
            Request("Files", 4, 0, I32(-1)),
            Request("Files", 5, 0, I32(0)),
            Request("Files", 6, 2, I32(3), I32(0), I32(-1), I32(1)),
            Request("Files", 7, 4, I32(4), I32(0), I32(1), I32(2), I32(3)),
            Request("Sockets", 8, 1, I32(0), I32(-1)),
            Request("Sockets", 9, 2, I32(0), I32(1)),
            Request("End", 10, 0, I32(-1), I32(-1)),
            Request("End", 11, 1, I32(0), I32(1), [(byte)'x']),
            Request("Nothing", 12, 0, I32(5)),
        ];
        byte[] all = [.. requests.SelectMany(r => r)];
        var seeds = new List<FuzzInput>();
        for (int i = 0; i < requests.Length; i++)
        {
            seeds.Add(new FuzzInput($"request-{i}", [0, .. requests[i]]));
        }

        seeds.Add(new FuzzInput("every-request-memory-files", [0, .. all]));
        seeds.Add(new FuzzInput("every-request-unix-sockets", [DescriptorTarget.UnixSockets, .. all]));
        seeds.Add(new FuzzInput("every-request-udp-sockets", [DescriptorTarget.UdpSockets, .. all]));
        seeds.Add(new FuzzInput("every-request-each-kind", [DescriptorTarget.UnixSockets | DescriptorTarget.UdpSockets, .. all]));
        seeds.Add(new FuzzInput("one-more-than-counted", [DescriptorTarget.OneMore, .. requests[0]]));
        seeds.Add(new FuzzInput("one-fewer-than-counted", [DescriptorTarget.OneFewer, .. requests[0]]));
        seeds.Add(new FuzzInput("count-over-the-method", [0, .. Request("File", 1, 2, I32(0))]));
        seeds.Add(new FuzzInput("index-named-twice", [0, .. Request("Files", 1, 2, I32(2), I32(0), I32(0))]));
        seeds.Add(new FuzzInput("empty", [0]));
        return seeds;
    }

    private static byte[] Request(string method, uint callId, int descriptors, params byte[][] parts)
    {
        byte[] payload = [.. parts.SelectMany(p => p)];
        ushort methodId = (ushort)IDescriptorSink.Client.Contract.MethodNames!.ToList().IndexOf(method);
        byte[] frame = new byte[FrameHeader.Size + payload.Length];
        new FrameHeader(payload.Length, FrameKind.Request, methodId, callId) { Descriptors = descriptors }.Write(frame);
        payload.CopyTo(frame.AsSpan(FrameHeader.Size));
        return frame;
    }

    private static byte[] I32(int value) => BitConverter.GetBytes(value);

}
