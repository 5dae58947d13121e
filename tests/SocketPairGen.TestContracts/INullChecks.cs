namespace SocketPairGen.TestContracts;

/// <summary>
/// Strings and arrays that cannot be null, as arguments and as results on every server path: synchronous, awaited
/// (completing at once and later), and synchronous with a token (run on the thread pool). Each result method returns
/// null when asked to, as a careless implementation would.
/// </summary>
[SocketPairChannel]
public partial interface INullChecks
{
    int Measure(string text, int[] values);

    ValueTask<int> MeasureAsync(string text, byte[] data, CancellationToken cancellationToken = default);

    int Count(params long[] values);

    string Text(bool returnNull);

    int[] Numbers(bool returnNull);

    ValueTask<string> TextNowAsync(bool returnNull);

    Task<int[]> NumbersLaterAsync(bool returnNull);

    ValueTask<bool[]> FlagsLaterAsync(bool returnNull);

    string TextOffloaded(bool returnNull, CancellationToken cancellationToken);

    int[] NumbersOffloaded(bool returnNull, CancellationToken cancellationToken);

    int Echo(int value);
}
