namespace SocketPairGen.Generator.Tests;

/// <summary>Generated code compiles without a single diagnostic under the strictest settings a consumer may use.</summary>
public class CompilesTests
{
    public static TheoryData<string> Inputs => [.. TestFiles.InputNames];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void SnapshotInput_CompilesWithoutDiagnostics(string input)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(TestFiles.ReadInput(input)));

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources);
    }

    [Fact]
    public void EverythingContract_CompilesWithoutDiagnostics()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(TestFiles.EverythingContract()));

        run.AssertCompilesCleanly();
        Assert.Equal("SocketPairGen.TestContracts.IEverything.SocketPair.g.cs", Assert.Single(run.Sources).HintName);
    }

    [Fact]
    public void AllSnapshotInputsTogether_CompileWithoutDiagnostics()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([.. TestFiles.InputNames.Select(TestFiles.ReadInput)]));

        run.AssertCompilesCleanly();
        Assert.Equal(TestFiles.InputNames.Count(), run.Sources.Length);
    }
}
