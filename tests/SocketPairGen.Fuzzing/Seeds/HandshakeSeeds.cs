using SocketPairGen.Channels;
using SocketPairGen.Fuzzing.Harness;
using SocketPairGen.Fuzzing.Targets;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Fuzzing.Seeds;

/// <summary>Seeds of the handshake target, from <see cref="Hello.EncodeFrame"/>: our own handshakes on both sides
/// with the limits at their edges, and handshakes of another contract and of the wrong role.</summary>
internal static class HandshakeSeeds
{
    public static IReadOnlyList<FuzzInput> Build()
    {
        ChannelContract ours = IEverything.Client.Contract;
        var other = new ChannelContract(ours.Name, ours.Fingerprint ^ 1, ours.MethodCount);
        var seeds = new List<FuzzInput>();

        void Add(string name, byte control, ChannelContract contract, byte role, HelloInfo info)
        {
            byte[] frame = Hello.EncodeFrame(contract, role, info);
            byte[] body = (control & HandshakeTarget.RawFrameInput) != 0 ? frame : frame[FrameHeader.Size..];
            seeds.Add(new FuzzInput(name, [control, .. body]));
        }

        const byte server = 0;
        const byte client = HandshakeTarget.ClientSide;
        const byte raw = HandshakeTarget.RawFrameInput;
        Add("server-receives-client-hello", server, ours, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize));
        Add("server-receives-client-hello-raw", server | raw, ours, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize));
        Add("server-receives-smallest-frames", server, ours, Hello.ClientRole, HelloInfo.ForClient(4096));
        Add("server-receives-largest-frames", server, ours, Hello.ClientRole, HelloInfo.ForClient(1 << 30));
        Add("server-receives-other-contract", server, other, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize));
        Add("server-receives-server-hello", server, ours, Hello.ServerRole, ClientTarget.ServerLimits);
        Add("client-receives-server-hello", client, ours, Hello.ServerRole, ClientTarget.ServerLimits);
        Add("client-receives-server-hello-raw", client | raw, ours, Hello.ServerRole, ClientTarget.ServerLimits);
        Add("client-receives-smallest-window", client, ours, Hello.ServerRole, new HelloInfo(4096, 1, 4096));
        Add("client-receives-other-contract", client, other, Hello.ServerRole, ClientTarget.ServerLimits);
        Add("client-receives-client-hello", client, ours, Hello.ClientRole, HelloInfo.ForClient(Limits.MaxFrameSize));
        seeds.Add(new FuzzInput("client-receives-nothing", [client | raw]));
        return seeds;
    }
}
