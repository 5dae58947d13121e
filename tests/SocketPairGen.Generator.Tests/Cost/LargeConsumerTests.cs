namespace SocketPairGen.Generator.Tests.Cost;

/// <summary>
/// The measured project's sources, checked in memory (fast, always run): every contract is generated (none is
/// skipped for a problem, which would measure less generated code than it claims) and the output compiles under the
/// strictest settings.
/// </summary>
public class LargeConsumerTests
{
    [Fact]
    public void FirstTwentyContracts_AllGenerateAndCompile()
    {
        // Twenty contracts: each of the twenty signatures once in every method position.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(LargeConsumer.Files(contractCount: 20)));

        run.AssertCompilesCleanly();
        Assert.Equal(20, run.Sources.Length);
        Assert.All(run.Specs, spec => Assert.Equal(LargeConsumer.MethodsPerContract, spec.Methods.Count));
    }
}
