namespace SocketPairGen.Generator.Tests.Cost;

/// <summary>
/// A fact that runs only when <see cref="GeneratorCostTests.EnvironmentVariable"/> is 1, and is reported as skipped
/// otherwise, so a default run neither spends minutes on it nor counts an unmeasured cost as a passed test.
/// </summary>
public sealed class MeasuredFactAttribute : FactAttribute
{
    public MeasuredFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(GeneratorCostTests.EnvironmentVariable) != "1")
        {
            Skip = $"Measures build time: set {GeneratorCostTests.EnvironmentVariable}=1 to run it.";
        }
    }
}
