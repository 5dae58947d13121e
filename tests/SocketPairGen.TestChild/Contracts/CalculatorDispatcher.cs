using SocketPairGen.Channels;

namespace SocketPairGen.TestChild.Contracts;

/// <summary>The server side of <see cref="Calculator"/>, shaped like a generated dispatcher.</summary>
internal sealed class Dispatcher : IChannelDispatcher
{
    public void Dispatch(ServerCall call, ReadOnlyMemory<byte> frame)
    {
        ReadOnlySpan<byte> payload = frame.Span;
        switch (call.MethodId)
        {
            case Calculator.AddId:
            {
                var reader = new WireReader(payload);
                int a = reader.Read<int>();
                int b = reader.Read<int>();
                reader.EnsureEnd();
                call.Reply(new ValuePayload<int>(unchecked(a + b)));
                break;
            }

            case Calculator.EchoId:
                call.Reply(new BlockPayload(BlockPayload.Read(payload)));
                break;

            case Calculator.DelayId:
            {
                int milliseconds = ValuePayload<int>.Decode(payload);
                _ = DelayAsync(call, milliseconds);
                break;
            }

            case Calculator.ThrowId:
            {
                var reader = new WireReader(payload);
                string message = reader.ReadString() ?? "";
                reader.EnsureEnd();
                call.ReplyError(new InvalidOperationException(message));
                break;
            }

            case Calculator.LengthId:
                call.Reply(new ValuePayload<long>(BlockPayload.Read(payload).Length));
                break;

            case Calculator.PingId:
                EmptyPayload.Decode(payload);
                call.Reply(default(EmptyPayload));
                break;
        }
    }

    private static async Task DelayAsync(ServerCall call, int milliseconds)
    {
        try
        {
            await Task.Delay(milliseconds, call.CancellationToken).ConfigureAwait(false);
            call.Reply(new ValuePayload<int>(milliseconds));
        }
        catch (Exception ex)
        {
            call.ReplyError(ex);
        }
    }
}
