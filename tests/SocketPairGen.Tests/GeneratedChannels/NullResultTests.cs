using System.Net.Sockets;
using SocketPairGen.TestContracts;

namespace SocketPairGen.Tests.GeneratedChannels;

/// <summary>
/// An implementation that returns null where the contract's result cannot be null: its caller gets a
/// <see cref="ChannelRemoteException"/> for its own call, promptly, on every server path, and no other call is touched.
/// </summary>
public class NullResultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Methods =
    [
        nameof(INullChecks.Text),
        nameof(INullChecks.Numbers),
        nameof(INullChecks.TextNowAsync),
        nameof(INullChecks.NumbersLaterAsync),
        nameof(INullChecks.FlagsLaterAsync),
        nameof(INullChecks.TextOffloaded),
        nameof(INullChecks.NumbersOffloaded),
    ];

    public static TheoryData<string> ResultMethods => [.. Methods];

    [Theory]
    [MemberData(nameof(ResultMethods))]
    public async Task NullResultThatCannotBeNull_ArrivesAsRemoteExceptionNamingTheMethod(string method)
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = INullChecks.ServeAsync(serverEnd, new NullChecks());
        await using (INullChecks.Client client = INullChecks.Connect(clientEnd))
        {
            Assert.NotNull(await CallAsync(client, method, returnNull: false).WaitAsync(Timeout));

            Exception? error = await Record.ExceptionAsync(() => CallAsync(client, method, returnNull: true).WaitAsync(Timeout));

            var remote = Assert.IsType<ChannelRemoteException>(error);
            Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteTypeName);
            Assert.Contains("INullChecks." + method, remote.RemoteMessage, StringComparison.Ordinal);
            Assert.Contains("null", remote.RemoteMessage, StringComparison.Ordinal);
            Assert.Equal(7, client.Echo(7));
        }

        await server.WaitAsync(Timeout);
    }

    [Fact]
    public async Task NullResultsAmongOtherCalls_FailOnlyTheirOwnCalls()
    {
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        Task server = INullChecks.ServeAsync(serverEnd, new NullChecks(), new ChannelOptions { MaxConcurrentCalls = 4 });
        await using (INullChecks.Client client = INullChecks.Connect(clientEnd))
        {
            // A few callers (a synchronous call holds its thread), each mixing good calls with null results.
            Task[] callers = [.. Enumerable.Range(0, 6).Select(caller => Task.Run(async () =>
            {
                for (int i = 0; i < 2 * Methods.Length; i++)
                {
                    int value = (caller * 1000) + i;
                    Assert.Equal(value, client.Echo(value));
                    string method = Methods[(caller + i) % Methods.Length];
                    var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => CallAsync(client, method, returnNull: true));
                    Assert.Contains("INullChecks." + method, error.RemoteMessage, StringComparison.Ordinal);
                    Assert.NotNull(await CallAsync(client, method, returnNull: false));
                }
            }))];

            await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));
        }

        await server.WaitAsync(Timeout);
    }

    /// <summary>Calls <paramref name="method"/> on a thread-pool thread (a synchronous call that hangs must not
    /// hang the test) and returns its result.</summary>
    private static Task<object> CallAsync(INullChecks client, string method, bool returnNull) => Task.Run<object>(async () => method switch
    {
        nameof(INullChecks.Text) => client.Text(returnNull),
        nameof(INullChecks.Numbers) => client.Numbers(returnNull),
        nameof(INullChecks.TextNowAsync) => await client.TextNowAsync(returnNull),
        nameof(INullChecks.NumbersLaterAsync) => await client.NumbersLaterAsync(returnNull),
        nameof(INullChecks.FlagsLaterAsync) => await client.FlagsLaterAsync(returnNull),
        nameof(INullChecks.TextOffloaded) => client.TextOffloaded(returnNull, CancellationToken.None),
        _ => client.NumbersOffloaded(returnNull, CancellationToken.None),
    });
}
