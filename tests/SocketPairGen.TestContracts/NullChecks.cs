namespace SocketPairGen.TestContracts;

/// <summary>The server side of <see cref="INullChecks"/>: returns null where the contract says it cannot, when asked.</summary>
public sealed class NullChecks : INullChecks
{
    public int Measure(string text, int[] values) => text.Length + values.Length;

    public ValueTask<int> MeasureAsync(string text, byte[] data, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(text.Length + data.Length);

    public int Count(params long[] values) => values.Length;

    public string Text(bool returnNull) => returnNull ? null! : "text";

    public int[] Numbers(bool returnNull) => returnNull ? null! : [1, 2, 3];

    public ValueTask<string> TextNowAsync(bool returnNull) => ValueTask.FromResult(Text(returnNull));

    public async Task<int[]> NumbersLaterAsync(bool returnNull)
    {
        await Task.Yield();
        return Numbers(returnNull);
    }

    public async ValueTask<bool[]> FlagsLaterAsync(bool returnNull)
    {
        await Task.Yield();
        return returnNull ? null! : [true, false];
    }

    public string TextOffloaded(bool returnNull, CancellationToken cancellationToken) => Text(returnNull);

    public int[] NumbersOffloaded(bool returnNull, CancellationToken cancellationToken) => Numbers(returnNull);

    public int Echo(int value) => value;
}
