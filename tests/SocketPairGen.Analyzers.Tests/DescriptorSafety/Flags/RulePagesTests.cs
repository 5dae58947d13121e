using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Flags;

/// <summary>
/// Every rule's help: no help link while the project has no public home (a link must not point at a site that does
/// not exist), and a page in analyzers/docs, which the package ships, listed in both rules tables and the release file.
/// </summary>
public class RulePagesTests
{
    public static TheoryData<string> RuleIds()
    {
        var ids = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in AllDescriptors())
        {
            ids.Add(descriptor.Id);
        }

        return ids;
    }

    [Fact]
    public void EveryDescriptor_HasNoHelpLink()
    {
        DiagnosticDescriptor[] descriptors = AllDescriptors();

        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.True(string.IsNullOrEmpty(d.HelpLinkUri), $"{d.Id} links to {d.HelpLinkUri}"));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_HasAPageARowInBothTablesAndAReleaseLine(string id)
    {
        string root = RepositoryRoot();

        Assert.True(File.Exists(Path.Combine(root, "analyzers", "docs", id + ".md")), $"analyzers/docs/{id}.md is missing.");
        Assert.Contains($"[{id}](analyzers/docs/{id}.md)", File.ReadAllText(Path.Combine(root, "README.md")));
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(root, "analyzers", "docs", "README.md")));
        Assert.Contains(id + " |", File.ReadAllText(Path.Combine(root, "analyzers", "SocketPairGen.Analyzers", "AnalyzerReleases.Unshipped.md")));
    }

    private static DiagnosticDescriptor[] AllDescriptors() =>
        [.. typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)];

    private static string RepositoryRoot([CallerFilePath] string path = "")
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
}
