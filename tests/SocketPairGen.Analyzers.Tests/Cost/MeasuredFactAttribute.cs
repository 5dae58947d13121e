namespace SocketPairGen.Analyzers.Tests.Cost;

/// <summary>
/// A fact that runs only when <see cref="AnalyzerCostTests.EnvironmentVariable"/> is 1, and is reported as skipped
/// otherwise, so a default run never counts an unmeasured cost as a passed test.
/// </summary>
public sealed class MeasuredFactAttribute : FactAttribute
{
    public MeasuredFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(AnalyzerCostTests.EnvironmentVariable) != "1")
        {
            Skip = $"Measures build time: set {AnalyzerCostTests.EnvironmentVariable}=1 to run it.";
        }
    }
}
