using System.Text;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Compares generated text with a baseline file <c>Snapshots/&lt;name&gt;.g.cs</c>. With
/// <c>SOCKETPAIRGEN_UPDATE_SNAPSHOTS=1</c> the baseline is rewritten instead; on a mismatch the actual text goes to
/// <c>&lt;name&gt;.received.g.cs</c> next to it (ignored by git) and the test fails with the first differing lines.
/// </summary>
internal static class SnapshotAssert
{
    private const string UpdateVariable = "SOCKETPAIRGEN_UPDATE_SNAPSHOTS";
    private const int ContextLines = 3;
    private const int ShownDifferences = 10;

    public static void Matches(string name, string actual)
    {
        string baselinePath = Path.Combine(TestFiles.SnapshotDirectory, name + ".g.cs");
        string receivedPath = Path.Combine(TestFiles.SnapshotDirectory, name + ".received.g.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(baselinePath, actual);
            File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(baselinePath) ? Normalize(File.ReadAllText(baselinePath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        string message = expected is null
            ? $"No baseline {baselinePath}; the generated text is in {receivedPath}. Run with {UpdateVariable}=1 to accept it."
            : $"The generated text differs from {baselinePath} (actual text in {receivedPath}; run with {UpdateVariable}=1 to accept it):"
                + Environment.NewLine + Diff(expected, actual);
        Assert.Fail(message);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The first differing lines, each with its line number, after a few lines of context.</summary>
    private static string Diff(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        int first = 0;
        while (first < expectedLines.Length && first < actualLines.Length && expectedLines[first] == actualLines[first])
        {
            first++;
        }

        var diff = new StringBuilder();
        for (int i = Math.Max(0, first - ContextLines); i < first; i++)
        {
            diff.Append("  ").Append(i + 1).Append(": ").AppendLine(expectedLines[i]);
        }

        int shown = 0;
        for (int i = first; shown < ShownDifferences && (i < expectedLines.Length || i < actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e == a)
            {
                continue;
            }

            if (e is not null)
            {
                diff.Append("- ").Append(i + 1).Append(": ").AppendLine(e);
            }

            if (a is not null)
            {
                diff.Append("+ ").Append(i + 1).Append(": ").AppendLine(a);
            }

            shown++;
        }

        diff.Append("(expected ").Append(expectedLines.Length).Append(" lines, actual ").Append(actualLines.Length).Append(" lines)");
        return diff.ToString();
    }
}
