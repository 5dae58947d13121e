namespace SocketPairGen.Fuzzing.Harness;

/// <summary>
/// An input broke a promise of the channel. <see cref="Check"/> names the promise (a short stable word the replay
/// prints and the README lists); the message says what happened. Under AFL it escapes the target and is reported
/// as a crash.
/// </summary>
internal sealed class FuzzFinding(string check, string message, Exception? innerException = null)
    : Exception($"[{check}] {message}", innerException)
{
    /// <summary>The promise that broke: <c>unexpected-exception</c>, <c>hang</c>, <c>allocation</c>, …</summary>
    public string Check { get; } = check;

    /// <summary>An exception other than the ones a hostile peer may cause: a finding that carries it.</summary>
    public static FuzzFinding Unexpected(string where, Exception exception) =>
        new("unexpected-exception", $"{where} ended with {exception.GetType().FullName}: {exception.Message}", exception);
}
