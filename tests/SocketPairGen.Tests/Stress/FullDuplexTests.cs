using Xunit.Abstractions;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// Scenario 9 of issue 10: many threads send large requests while the server sends large replies, the server runs one
/// call at a time, and awaited callers' inline continuations make further calls, synchronous and awaited. Both
/// directions' socket buffers fill at once; the run must finish without deadlock (a watchdog reports the calls stuck).
/// </summary>
[Collection(DescriptorCountCollection.Name)]
public class FullDuplexTests(ITestOutputHelper output)
{
    public static TheoryData<string> Configurations => [.. StressConfiguration.FullDuplex.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task LargeCallsBothWays_OneAtATime_WithCallsFromInlineContinuations_FinishWithoutDeadlock(string configuration)
    {
        StressConfiguration chosen = StressConfiguration.FullDuplex.Single(c => c.Name == configuration);
        foreach (int seed in chosen.Seeds())
        {
            LeakCheck leaks = await LeakCheck.StartAsync();
            StressResult result = await StressRun.RunAsync(chosen, seed);
            output.WriteLine(result.Summary);
            Assert.True(result.Failures.Count == 0, result.Report());
            await leaks.AssertNothingLeftAsync();
        }
    }
}
