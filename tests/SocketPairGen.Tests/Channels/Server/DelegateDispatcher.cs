using SocketPairGen.Channels;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>A hand-written dispatcher whose behaviour the test supplies, the way a generated one would call the server.</summary>
internal sealed class DelegateDispatcher(Action<ServerCall, ReadOnlyMemory<byte>> dispatch) : IChannelDispatcher
{
    public void Dispatch(ServerCall call, ReadOnlyMemory<byte> payload) => dispatch(call, payload);
}
