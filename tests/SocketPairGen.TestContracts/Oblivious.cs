#nullable disable

namespace SocketPairGen.TestContracts;

/// <summary>The server side of <see cref="IOblivious"/>: echoes, null included.</summary>
public sealed class Oblivious : IOblivious
{
    public string EchoText(string text) => text;

    public int[] EchoNumbers(int[] values) => values;

    public ValueTask<bool[]> EchoFlagsAsync(bool[] values) => ValueTask.FromResult(values);
}
