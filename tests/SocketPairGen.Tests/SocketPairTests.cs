using System.Net.Sockets;
using System.Text;

namespace SocketPairGen.Tests;

public class SocketPairTests
{
    [Fact]
    public void Create_BothEnds_AreCloseOnExec()
    {
        using SocketPair pair = SocketPair.Create();

        Assert.Equal(Descriptors.CloseOnExecFlag, Descriptors.Flags((int)pair.First.Handle) & Descriptors.CloseOnExecFlag);
        Assert.Equal(Descriptors.CloseOnExecFlag, Descriptors.Flags((int)pair.Second.Handle) & Descriptors.CloseOnExecFlag);
    }

    [Fact]
    public void Create_Data_FlowsBothWays()
    {
        using SocketPair pair = SocketPair.Create();
        byte[] buffer = new byte[16];

        pair.First.Send("ping"u8);
        int received = pair.Second.Receive(buffer);
        Assert.Equal("ping", Encoding.ASCII.GetString(buffer, 0, received));

        pair.Second.Send("pong"u8);
        received = pair.First.Receive(buffer);
        Assert.Equal("pong", Encoding.ASCII.GetString(buffer, 0, received));
    }

    [Fact]
    public void Create_IsUnixStreamPair()
    {
        using SocketPair pair = SocketPair.Create();

        Assert.Equal(AddressFamily.Unix, pair.First.AddressFamily);
        Assert.Equal(SocketType.Stream, pair.Second.SocketType);
    }

    [Fact]
    public void Deconstruct_GivesFirstThenSecond()
    {
        using SocketPair pair = SocketPair.Create();

        var (first, second) = pair;

        Assert.Same(pair.First, first);
        Assert.Same(pair.Second, second);
    }

    [Fact]
    public void Dispose_ClosesBothEnds()
    {
        SocketPair pair = SocketPair.Create();

        pair.Dispose();

        Assert.True(pair.First.SafeHandle.IsClosed);
        Assert.True(pair.Second.SafeHandle.IsClosed);
    }

    [Fact]
    public void Create_WithoutFreeDescriptors_ThrowsIOExceptionNamingEmfile()
    {
        // RLIMIT_NOFILE is lowered in a child: lowering it here would break every other test.
        using ChildProcess child = ChildProcess.Start(TestChildPath.Value, ["emfile"]);

        string report = SocketText.ReadToEnd(child.Socket);

        Assert.StartsWith("IOException: ", report, StringComparison.Ordinal);
        Assert.Contains("EMFILE", report, StringComparison.Ordinal);
        Assert.Contains("socketpair", report, StringComparison.Ordinal);
    }
}
