namespace SocketPairGen.Fuzzing.Harness;

/// <summary>
/// Checks to let pass, named in the environment variable <c>SOCKETPAIRGEN_FUZZ_IGNORE</c> (comma-separated, for
/// example <c>reply-method-id</c>): while a known finding waits for its fix, AFL can explore past it instead of
/// reporting it again on every path that reaches it. Never set in CI.
/// </summary>
internal static class IgnoredChecks
{
    private static readonly HashSet<string> Names = new(
        (Environment.GetEnvironmentVariable("SOCKETPAIRGEN_FUZZ_IGNORE") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        StringComparer.Ordinal);

    public static bool Contains(FuzzFinding finding) => Names.Contains(finding.Check);
}
