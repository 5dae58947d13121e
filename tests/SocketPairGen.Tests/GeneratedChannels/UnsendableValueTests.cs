using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>
/// A value the receiver would reject (an enum value the enum does not define, a bool field that is neither 0 nor 1)
/// is a mistake of the sending side's code, not an attack: it must never close the channel. The client refuses such an
/// argument at the call site with an <see cref="ArgumentException"/> before anything is written; a server method that
/// returns one answers its caller with a <see cref="ChannelRemoteException"/>. Other calls go on.
/// </summary>
public class UnsendableValueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const Color Undefined = (Color)3;

    public static TheoryData<string> Arguments => ["enum", "enum in an array", "nullable enum", "enum in a struct", "enum in a tuple", "bool field of 2"];

    [Theory]
    [MemberData(nameof(Arguments))]
    public async Task ClientPassingAValueTheServerWouldReject_FailsAtTheCallSite_AndTheChannelStaysUsable(string shape)
    {
        await using var channel = await EverythingChannel.StartAsync(new Everything());
        IEverything.Client client = channel.Client;
        Action call = shape switch
        {
            "enum" => () => client.EchoColor(Undefined),
            "enum in an array" => () => client.EchoColors([Color.Red, Undefined]),
            "nullable enum" => () => client.EchoNullableColor(Undefined),
            "enum in a struct" => () => client.EchoNested(new Nested { Color = Undefined }),
            "enum in a tuple" => () => client.EchoMixedTuple((Undefined, null, 1)),
            _ => () => client.EchoPadded(PaddedWithFlag(2)),
        };

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Contains(shape == "bool field of 2" ? "Padded.Flag" : "Color", error.Message, StringComparison.Ordinal);
        Assert.Equal(Color.Green, client.EchoColor(Color.Green)); // nothing was written: the channel goes on
        Assert.False(channel.Server.IsCompleted);
    }

    public static TheoryData<string> Results => ["enum", "enum in an array", "enum in a struct", "bool field of 2"];

    [Theory]
    [MemberData(nameof(Results))]
    public async Task ServerReturningAValueTheClientWouldReject_AnswersThatCallWithAnError_AndTheChannelStaysUsable(string shape)
    {
        await using var channel = await EverythingChannel.StartAsync(ReturnsUnsendable.Create());
        IEverything.Client client = channel.Client;
        Action call = shape switch
        {
            "enum" => () => client.EchoColor(Color.Red),
            "enum in an array" => () => client.EchoColors([Color.Red]),
            "enum in a struct" => () => client.EchoNested(new Nested { Color = Color.Red }),
            _ => () => client.EchoPadded(default),
        };

        var error = Assert.Throws<ChannelRemoteException>(call);
        Assert.Contains(shape == "bool field of 2" ? "Padded.Flag" : "Color", error.RemoteMessage, StringComparison.Ordinal);
        Assert.Equal(7, client.EchoInt32(7));
        Assert.False(channel.Server.IsCompleted);
    }

    private static Padded PaddedWithFlag(byte value)
    {
        var padded = new Padded { Tag = 1, Value = 2 };
        Unsafe.As<bool, byte>(ref padded.Flag) = value; // what native code or a careless Unsafe.As can leave in a bool
        return padded;
    }

    /// <summary>Everything, except that four methods return what the wire cannot carry.</summary>
    public class ReturnsUnsendable : System.Reflection.DispatchProxy
    {
        private readonly Everything _everything = new();

        public static IEverything Create() => Create<IEverything, ReturnsUnsendable>();

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
        {
            nameof(IEverything.EchoColor) => Undefined,
            nameof(IEverything.EchoColors) => new[] { Color.Blue, Undefined },
            nameof(IEverything.EchoNested) => new Nested { Color = Undefined },
            nameof(IEverything.EchoPadded) => PaddedWithFlag(5),
            _ => targetMethod.Invoke(_everything, args),
        };
    }

    /// <summary>A generated client and server of <see cref="IEverything"/> over a real socketpair, in this process.</summary>
    private sealed class EverythingChannel : IAsyncDisposable
    {
        private EverythingChannel(IEverything.Client client, Task server)
        {
            Client = client;
            Server = server;
        }

        public IEverything.Client Client { get; }

        public Task Server { get; }

        public static Task<EverythingChannel> StartAsync(IEverything implementation)
        {
            (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
            Task server = IEverything.ServeAsync(serverEnd, implementation);
            return Task.FromResult(new EverythingChannel(IEverything.Connect(clientEnd), server));
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.WaitAsync(Timeout);
        }
    }
}
