using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.Tests.Docs;

/// <summary>
/// Every rule page's examples are what the rule and its code fix really do (see <see cref="RulePage"/> for how a page
/// marks them): the flagged example compiles and gets the rule's diagnostics on exactly the lines its comments mark;
/// the rule's code fix turns it into the fixed example that follows, or is not offered where the page says so; fixed
/// and hand-written examples compile without the rule's diagnostic; and the page and both rules tables agree on
/// whether the rule has a code fix.
/// </summary>
public class DocsExamplesTests
{
    public static TheoryData<string> Pages() => [.. RulePage.Ids()];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FlaggedExamples_GetTheRuleOnExactlyTheMarkedLines(string id)
    {
        RulePage page = RulePage.Read(id);

        Assert.NotEmpty(page.Flagged);
        foreach (Example example in page.Flagged)
        {
            string source = page.Source(example);
            ImmutableArray<Diagnostic> found = await ExampleCompilation.DiagnosticsAsync(source, id, example.LanguageVersion, example.CompilerError);

            Assert.Equal(
                $"{example} of {id}.md:\n" + string.Join("\n", MarkedLines(source, id)),
                $"{example} of {id}.md:\n" + string.Join("\n", found.Select(d => Line(source, d.Location.GetLineSpan().StartLinePosition.Line))));
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FixedExamples_AreWhatTheCodeFixMakesOfTheFlaggedOnes(string id)
    {
        RulePage page = RulePage.Read(id);
        bool hasFix = ExampleCompilation.FixesOf(id).Any();

        foreach ((Example flagged, Example? fixedExample) in page.FixPairs)
        {
            Assert.False(fixedExample is not null && !hasFix, $"{fixedExample} shows a code fix that {id} does not have.");
            Assert.False(fixedExample is not null && flagged.NoFix, $"{flagged} says no fix is offered, but a fixed example follows.");
            if (hasFix && (fixedExample is not null || flagged.NoFix))
            {
                string source = page.Source(flagged, normalized: true);
                string expected = fixedExample is null ? source : page.Source(fixedExample, normalized: true);
                await new ExampleFixTest(id, source, expected, await ExampleCompilation.DiagnosticsAsync(source, id)).RunAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FixedAndCorrectExamples_HaveNoDiagnosticOfTheRule(string id)
    {
        RulePage page = RulePage.Read(id);

        foreach (Example example in page.Examples.Where(e => e.Kind != ExampleKind.Flagged))
        {
            ImmutableArray<Diagnostic> found = await ExampleCompilation.DiagnosticsAsync(page.Source(example), id, example.LanguageVersion, example.CompilerError);

            Assert.True(found.IsEmpty, $"{example} of {id}.md: {string.Join(", ", found)}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void PageAndRulesTables_AgreeOnWhetherTheRuleHasACodeFix(string id)
    {
        RulePage page = RulePage.Read(id);
        bool hasFix = ExampleCompilation.FixesOf(id).Any();

        Assert.Equal(hasFix, page.Text.Contains("| Code fix | Yes", StringComparison.Ordinal));
        Assert.Equal(hasFix, !TableRow("analyzers/docs/README.md", $"[{id}]({id}.md)").EndsWith("| None |", StringComparison.Ordinal));
        Assert.Equal(hasFix, !TableRow("README.md", $"[{id}](analyzers/docs/{id}.md)").EndsWith("| |", StringComparison.Ordinal));
    }

    /// <summary>The lines a <c>// SPGnnnn</c> comment marks: its own, or the next one when the comment stands alone.</summary>
    private static IEnumerable<string> MarkedLines(string source, string id)
    {
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int mark = lines[i].IndexOf("// " + id, StringComparison.Ordinal);
            if (mark >= 0)
            {
                yield return Line(source, lines[i][..mark].Trim().Length == 0 ? i + 1 : i);
            }
        }
    }

    private static string Line(string source, int index) => $"line {index + 1}: {source.Split('\n')[index].Trim()}";

    private static string TableRow(string file, string link) =>
        File.ReadAllLines(Path.Combine(RulePage.RepositoryRoot(), file)).Single(l => l.StartsWith("| " + link, StringComparison.Ordinal));
}
