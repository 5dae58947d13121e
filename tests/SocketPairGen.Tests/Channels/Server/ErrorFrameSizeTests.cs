using System.Net.Sockets;
using System.Text;
using SocketPairGen.Channels;
using SocketPairGen.TestChild.Contracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Server;

/// <summary>
/// Scenario 7: an Error frame (type name, message, stack trace) is cut to fit the client's announced maximum frame
/// size, on UTF-8 boundaries, whatever that maximum is; it never becomes a protocol error or a hung call.
/// </summary>
public class ErrorFrameSizeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HugeErrorToAClientWithTheSmallestFrames_ArrivesCutToFit()
    {
        string message = Text(new Random(1), 1_000_000);
        string stackTrace = Text(new Random(2), 1_000_000);
        (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
        var dispatcher = new DelegateDispatcher((call, _) => throw new TextException(message, stackTrace));
        Task server = ChannelServer.ServeAsync(serverEnd, Calculator.Contract, dispatcher, new ChannelOptions { IncludeRemoteStackTrace = true });
        await using var client = new CalculatorClient(clientEnd, new ChannelOptions { MaxFrameSize = 4096 });

        var error = await Assert.ThrowsAsync<ChannelRemoteException>(() => client.AddAsync(1, 2).AsTask().WaitAsync(Timeout));
        Assert.Equal(typeof(TextException).FullName, error.RemoteTypeName);
        Assert.EndsWith("…", error.RemoteMessage, StringComparison.Ordinal);
        AssertCutFrom(message, error.RemoteMessage);
        Assert.NotNull(error.RemoteStackTrace);
        AssertCutFrom(stackTrace, error.RemoteStackTrace);
        int wireLength = 12 + Encoding.UTF8.GetByteCount(error.RemoteTypeName + error.RemoteMessage + error.RemoteStackTrace);
        Assert.InRange(wireLength, 3 * 1024, 4096); // cut to fit, not far below

        // Still usable: the error was an ordinary reply.
        await Assert.ThrowsAsync<ChannelRemoteException>(() => client.AddAsync(1, 2).AsTask().WaitAsync(Timeout));
        Assert.False(server.IsCompleted);
    }

    public static TheoryData<int> ClientMaxima => [4096, 4097, 4099, 4111, 5000, 12_345, 65_536, 1 << 20];

    [Theory]
    [MemberData(nameof(ClientMaxima))]
    public void ErrorsOfAnySizeAndText_FitTheClientsMaximum_AsValidUtf8(int clientMaxFrameSize)
    {
        var random = new Random(clientMaxFrameSize);
        var cases = new List<Exception>();
        foreach (int length in new[] { 0, 1, 100, 1000, 2000, 4000, 4096, 5000, 20_000, 300_000 })
        {
            for (int i = 0; i < 3; i++)
            {
                cases.Add(new TextException(Text(random, length), random.Next(3) == 0 ? null : Text(random, random.Next(2 * length + 1))));
            }
        }

        cases.Add(LongNamedException(Text(random, 10_000), Text(random, 10_000)));
        cases.Add(new TextException("", null));

        var dispatcher = new DelegateDispatcher((call, payload) => throw cases[BitConverter.ToInt32(payload.Span)]);
        using RawClient client = RawClient.Start(dispatcher, new ChannelOptions { IncludeRemoteStackTrace = true }, clientMaxFrameSize);

        for (int i = 0; i < cases.Count; i++)
        {
            client.Request((uint)i + 1, Calculator.AddId, BitConverter.GetBytes((long)i));
            (FrameHeader header, byte[] payload) = client.Read();
            Assert.Equal((FrameKind.Error, (uint)i + 1, Calculator.AddId), (header.Kind, header.CallId, header.MethodId));
            Assert.True(payload.Length <= clientMaxFrameSize, $"case {i}: an error frame of {payload.Length} bytes for a client accepting {clientMaxFrameSize}");

            ChannelRemoteException decoded = ErrorPayload.Decode(payload); // strict UTF-8
            Exception sent = cases[i];
            AssertCutFrom(sent.GetType().FullName!, decoded.RemoteTypeName);
            AssertCutFrom(sent.Message, decoded.RemoteMessage);
            Assert.NotNull(decoded.RemoteStackTrace); // the server sends stack traces: an exception without one sends ""
            AssertCutFrom(sent.StackTrace ?? "", decoded.RemoteStackTrace);
        }

        Assert.False(client.Server.IsCompleted);
    }

    [Fact]
    public void CutText_IsTheLongestWholeCharacterPrefixThatFits()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            string text = Text(random, random.Next(40));
            string wire = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            int maxBytes = random.Next(60);
            string cut = ErrorPayload.Cut(text, maxBytes);
            string cutWire = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut));
            Assert.True(Encoding.UTF8.GetByteCount(cut) <= maxBytes, $"'{cut}' is over {maxBytes} bytes");
            if (cut == text || cut.Length == 0)
            {
                continue;
            }

            AssertCutFrom(text, cutWire);
            string kept = cutWire[..^1];
            string next = wire[kept.Length..][..(char.IsHighSurrogate(wire[kept.Length]) && wire.Length > kept.Length + 1 ? 2 : 1)];
            Assert.True(Encoding.UTF8.GetByteCount(kept + next + "…") > maxBytes, $"'{cut}' could have kept '{next}' within {maxBytes} bytes");
        }
    }

    /// <summary>The received text is the sent one (unpaired surrogates as U+FFFD), or a prefix of it followed by "…".</summary>
    private static void AssertCutFrom(string sent, string received)
    {
        string wire = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(sent));
        if (received == wire)
        {
            return;
        }

        Assert.EndsWith("…", received, StringComparison.Ordinal);
        Assert.StartsWith(received[..^1], wire, StringComparison.Ordinal);
    }

    /// <summary>Text of <paramref name="length"/> UTF-16 units mixing 1-, 2-, 3- and 4-byte UTF-8 characters and
    /// unpaired surrogates, so any cut can fall inside a character.</summary>
    internal static string Text(Random random, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(6))
            {
                case 0:
                    text.Append((char)random.Next('a', 'z' + 1));
                    break;
                case 1:
                    text.Append('é');
                    break;
                case 2:
                    text.Append((char)random.Next(0x4E00, 0x9FFF));
                    break;
                case 3 when text.Length + 2 <= length:
                    text.Append(char.ConvertFromUtf32(random.Next(0x1F600, 0x1F650)));
                    break;
                case 4:
                    text.Append((char)random.Next(0xD800, 0xE000)); // unpaired, or accidentally paired
                    break;
                default:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>An exception whose type's full name runs to thousands of bytes (nested generic arguments).</summary>
    private static Exception LongNamedException(string message, string stackTrace)
    {
        Type type = typeof(int);
        for (int i = 0; i < 40; i++)
        {
            type = typeof(KeyValuePair<,>).MakeGenericType(type, typeof(string));
        }

        Type exceptionType = typeof(GenericException<>).MakeGenericType(type);
        Assert.True(Encoding.UTF8.GetByteCount(exceptionType.FullName!) > 8192);
        return (Exception)Activator.CreateInstance(exceptionType, message, stackTrace)!;
    }

    /// <summary>An exception with a given message and stack trace text.</summary>
    internal sealed class TextException(string message, string? stackTrace) : Exception(message)
    {
        public override string? StackTrace => stackTrace;
    }

    internal sealed class GenericException<T>(string message, string? stackTrace) : Exception(message)
    {
        public override string? StackTrace => stackTrace;
    }
}
