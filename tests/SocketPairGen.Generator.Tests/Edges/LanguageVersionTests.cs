using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SocketPairGen.Generator.Parsing;

namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// The generated code needs C# 13 (<see cref="ContractParser.MinimumLanguageVersion"/>): at that version every snapshot
/// input and the all-types contract generate and compile cleanly; below it the generator writes nothing (SPG0110
/// says why), so the project has no error inside a generated file.
/// </summary>
public class LanguageVersionTests
{
    [Fact]
    public void AtTheMinimumVersion_EveryInputGeneratesAndCompiles()
    {
        GeneratorRun run = RunAt(ContractParser.MinimumLanguageVersion, AllInputs());

        run.AssertCompilesCleanly();
        Assert.Equal(TestFiles.InputNames.Count() + 1, run.Sources.Length);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.CSharp12)]
    public void BelowTheMinimumVersion_NothingGeneratedAndNoError(LanguageVersion version)
    {
        GeneratorRun run = RunAt(version, AllInputs());

        Assert.Empty(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void CSharp8_NothingGeneratedAndNoError()
    {
        GeneratorRun run = RunAt(LanguageVersion.CSharp8, [("Old.cs", """
            using SocketPairGen;
            namespace Old
            {
                /// <summary>A contract.</summary>
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    /// <summary>Adds.</summary>
                    /// <param name="a">One.</param>
                    /// <param name="b">Two.</param>
                    /// <returns>The sum.</returns>
                    int Add(int a, int b);
                }
            }
            """)]);

        Assert.Empty(run.Sources);
        run.AssertCompilesCleanly();
    }

    private static IEnumerable<(string Path, string Text)> AllInputs() =>
        TestFiles.EverythingContract().Concat(TestFiles.InputNames.Select(name => (name + ".cs", TestFiles.ReadInput(name))));

    private static GeneratorRun RunAt(LanguageVersion version, IEnumerable<(string Path, string Text)> sources)
    {
        CSharpParseOptions parse = GeneratorHarness.ParseOptions.WithLanguageVersion(version);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>())
            .AddSyntaxTrees(sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)));
        return GeneratorHarness.Run(GeneratorHarness.CreateDriver().WithUpdatedParseOptions(parse), compilation);
    }
}
