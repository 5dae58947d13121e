namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// A file-local contract (<c>file partial interface</c>), or one nested in a file-local type: the generated file cannot
/// reopen a type that is local to another file, so the generator skips it (SPG0109 says why) and the project compiles,
/// instead of declaring a second, unrelated type of the same name.
/// </summary>
public class FileLocalTests
{
    [Theory]
    [InlineData("""
        /// <summary>A contract.</summary>
        [SocketPairChannel]
        file partial interface IService
        {
            int Add(int a, int b);
        }
        """)]
    [InlineData("""
        /// <summary>Holds the contract.</summary>
        file static partial class Outer
        {
            /// <summary>A contract.</summary>
            [SocketPairChannel]
            public partial interface IService
            {
                int Add(int a, int b);
            }
        }
        """)]
    public void FileLocalContract_SkippedAndTheProjectCompiles(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("using SocketPairGen;\nnamespace Local;\n" + declaration));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Sources);
    }
}
