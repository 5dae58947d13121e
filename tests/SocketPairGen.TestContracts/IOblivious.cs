#nullable disable

namespace SocketPairGen.TestContracts;

/// <summary>
/// Strings and arrays declared where nullable annotations are off: their types say nothing about null, so null is
/// accepted both ways (as for a nullable type).
/// </summary>
[SocketPairChannel]
public partial interface IOblivious
{
    string EchoText(string text);

    int[] EchoNumbers(int[] values);

    ValueTask<bool[]> EchoFlagsAsync(bool[] values);
}
