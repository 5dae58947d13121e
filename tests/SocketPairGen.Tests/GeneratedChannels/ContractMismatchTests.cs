using System.Net.Sockets;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels;

public class ContractMismatchTests
{
    [Fact]
    public async Task ClientOfOneContractAndServerOfAnother_FailTheFirstCallNamingBoth()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = IArithmetic.ServeAsync(serverEnd, new Arithmetic());
        await using IEverything.Client client = IEverything.Connect(clientEnd);

        var error = Assert.Throws<ChannelProtocolException>(() => client.EchoInt32(1));
        Assert.Contains(IEverything.Client.Contract.ToString(), error.Message);
        Assert.Contains(IArithmetic.Client.Contract.ToString(), error.Message);
        await Assert.ThrowsAsync<ChannelProtocolException>(() => server.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Fingerprints_DifferBetweenContracts_AndAreStableWithinOne()
    {
        Assert.NotEqual(IEverything.Client.Contract.Fingerprint, IArithmetic.Client.Contract.Fingerprint);
        Assert.Equal("SocketPairGen.TestContracts.IArithmetic", IArithmetic.Client.Contract.Name);
        Assert.Equal(4, IArithmetic.Client.Contract.MethodCount);
    }
}
