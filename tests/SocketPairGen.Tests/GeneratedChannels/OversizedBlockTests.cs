using System.Runtime.InteropServices;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>A block whose bytes do not fit in any frame (over 2 GiB) is refused with a clear error before anything is
/// written, rather than its size wrapping around 32 bits; the channel goes on.</summary>
public class OversizedBlockTests
{
    [Fact]
    public async Task SpanArgumentOverTwoGigabytes_IsRefusedBeforeAnythingIsSent_AndTheChannelStaysUsable()
    {
        (System.Net.Sockets.Socket clientEnd, System.Net.Sockets.Socket serverEnd) = SocketPair.Create();
        Task server = IEverything.ServeAsync(serverEnd, new Everything());
        await using IEverything.Client client = IEverything.Connect(clientEnd);

        var error = Assert.Throws<ChannelProtocolException>(() => client.DoubleInPlace(HugeSpan()));
        Assert.Contains("600000000 elements of 4 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(Color.Green, client.EchoColor(Color.Green));
        Assert.False(server.IsCompleted);
    }

    /// <summary>A span that claims 600 million ints (2.4 GB): only its length is ever read.</summary>
    private static Span<int> HugeSpan()
    {
        int[] anchor = new int[1];
        return MemoryMarshal.CreateSpan(ref anchor[0], 600_000_000);
    }
}
