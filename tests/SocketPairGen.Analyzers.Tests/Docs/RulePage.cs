using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SocketPairGen.Analyzers.Tests.Docs;

/// <summary>
/// A rule page, <c>analyzers/docs/SPGnnnn.md</c>, and the code blocks it marks as examples with an HTML comment just
/// before the block (invisible to readers):
/// <list type="bullet">
/// <item><c>&lt;!-- example: flagged --&gt;</c>: gets the rule's diagnostics on exactly the lines a <c>// SPGnnnn</c>
/// comment marks (the comment's own line, or the next one when the comment stands alone);
/// <c>&lt;!-- example: flagged; no fix --&gt;</c> also says the rule's code fix is not offered there;</item>
/// <item><c>&lt;!-- example: fixed --&gt;</c>: what the rule's code fix makes of the flagged example before it;</item>
/// <item><c>&lt;!-- example: correct --&gt;</c>: written by hand, with no diagnostic of the rule.</item>
/// </list>
/// A block with a type declaration is a whole file. Any other block is members of a class, or, with
/// <c>; in: &lt;signature&gt;</c> in its comment, the body of that method; that class sees the P/Invokes of
/// <see cref="ExampleCompilation.Libc"/> and holds the members of the page's <c>&lt;!-- example context: ... --&gt;</c>.
/// </summary>
internal sealed partial class RulePage
{
    private RulePage(string id, string text, IReadOnlyList<Example> examples, string context)
    {
        Id = id;
        Text = text;
        Examples = examples;
        Context = context;
    }

    public string Id { get; }

    public string Text { get; }

    public IReadOnlyList<Example> Examples { get; }

    /// <summary>Members the class of every snippet example of the page holds (helpers the examples call).</summary>
    public string Context { get; }

    public IEnumerable<Example> Flagged => Examples.Where(e => e.Kind == ExampleKind.Flagged);

    /// <summary>Each flagged example and the fixed example right after it, if any.</summary>
    public IEnumerable<(Example Flagged, Example? Fixed)> FixPairs =>
        Examples.Select((e, i) => (e, i + 1 < Examples.Count && Examples[i + 1].Kind == ExampleKind.Fixed ? Examples[i + 1] : null))
            .Where(pair => pair.e.Kind == ExampleKind.Flagged);

    /// <summary>The rule ids that have a page.</summary>
    public static IEnumerable<string> Ids() =>
        Directory.GetFiles(DocsFolder(), "SPG*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static RulePage Read(string id)
    {
        string text = File.ReadAllText(Path.Combine(DocsFolder(), id + ".md")).ReplaceLineEndings("\n");
        Example[] examples = [.. ExampleBlock().Matches(text).Select(block => Example.Parse(block, text))];
        Match context = ContextComment().Match(text);
        return new RulePage(id, text, examples, context.Success ? context.Groups["members"].Value : "");
    }

    /// <summary>The example as a C# file: whole-file examples as written, others in the class described above.</summary>
    public string Source(Example example, bool normalized = false)
    {
        string code = normalized ? Normalize(example.Code) : example.Code;
        if (IsWholeFile(code))
        {
            return code;
        }

        string members = example.In is null ? Indent(code, 4) : $"    {example.In}\n    {{\n{Indent(code, 8)}    }}\n";
        return "using System.Net.Sockets;\nusing System.Runtime.InteropServices;\nusing Microsoft.Win32.SafeHandles;\n"
            + "using SocketPairGen;\nusing static Libc;\n\nunsafe partial class Example\n{\n"
            + members + (Context.Length == 0 ? "" : "\n" + Indent(Context, 4)) + "}\n";
    }

    /// <summary>
    /// The code without what a fix leaves alone but the page writes differently in the flagged and the fixed
    /// example: the <c>// SPGnnnn</c> marks and other comments at the end of a line, and trailing blanks.
    /// </summary>
    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Where(line => !MarkLine().IsMatch(line)).Select(line => TrailingComment().Replace(line, "").TrimEnd()));

    private static bool IsWholeFile(string code) =>
        CSharpSyntaxTree.ParseText(code).GetCompilationUnitRoot().Members.Any(m => m is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax);

    private static string Indent(string code, int spaces) =>
        string.Concat(code.Split('\n').SkipLast(1).Select(line => (line.Length == 0 ? "" : new string(' ', spaces) + line) + "\n"));

    private static string DocsFolder() => Path.Combine(RepositoryRoot(), "analyzers", "docs");

    public static string RepositoryRoot([CallerFilePath] string path = "")
    {
        for (DirectoryInfo? folder = new FileInfo(path).Directory; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SocketPairGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No SocketPairGen.sln above " + path);
    }

    [GeneratedRegex(@"<!-- example: (?<tags>[^\n]*?) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    [GeneratedRegex(@"<!-- example context:\n(?<members>.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ContextComment();

    [GeneratedRegex(@"^\s*// SPG\d{4}")]
    private static partial Regex MarkLine();

    [GeneratedRegex(@"(?<=\S)\s+//.*$")]
    private static partial Regex TrailingComment();
}

internal enum ExampleKind
{
    Flagged,
    Fixed,
    Correct,
}

/// <summary>One marked code block of a page: its kind, whether the fix must stay away, its method signature if a body.</summary>
/// <remarks>Two more tags: <c>langversion: 12</c> compiles the example with that C# version (the newest otherwise), and
/// <c>compiler error: CS0592</c> lets the example compile with that error, for a rule that only the compiler's own error
/// can accompany.</remarks>
internal sealed record Example(ExampleKind Kind, bool NoFix, string? In, string Code, int Line)
{
    /// <summary>The C# version the example compiles with.</summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    /// <summary>A compiler error the example is expected to have, if any.</summary>
    public string? CompilerError { get; init; }

    public static Example Parse(Match block, string page)
    {
        string[] tags = [.. block.Groups["tags"].Value.Split(';').Select(t => t.Trim())];
        string? signature = Tag(tags, "in: ");
        int line = page[..block.Index].Count(c => c == '\n') + 1;
        return new Example(Enum.Parse<ExampleKind>(tags[0], ignoreCase: true), tags.Contains("no fix"), signature, block.Groups["code"].Value, line)
        {
            LanguageVersion = Tag(tags, "langversion: ") is { } version && LanguageVersionFacts.TryParse(version, out LanguageVersion parsed) ? parsed : LanguageVersion.Latest,
            CompilerError = Tag(tags, "compiler error: "),
        };
    }

    private static string? Tag(string[] tags, string prefix) =>
        tags.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

    public override string ToString() => $"the {Kind.ToString().ToLowerInvariant()} example at line {Line}";
}
