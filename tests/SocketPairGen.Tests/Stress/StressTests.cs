using Xunit.Abstractions;

namespace SocketPairGen.Tests.Stress;

/// <summary>
/// The randomized stress with an oracle (<see cref="StressRun"/>), in every configuration of
/// <see cref="StressConfiguration.All"/>. CI runs each configuration's seed once; <c>SOCKETPAIRGEN_STRESS_SECONDS</c>
/// runs fresh seeds for that long, <c>SOCKETPAIRGEN_STRESS_SEED</c> replays one. After every seed, no descriptor
/// and no channel thread may be left.
/// </summary>
[Collection(DescriptorCountCollection.Name)]
public class StressTests(ITestOutputHelper output)
{
    public static TheoryData<string> Configurations => [.. StressConfiguration.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task RandomCalls_EachEndWithItsOwnOutcome_AndLeaveNothingBehind(string configuration)
    {
        StressConfiguration chosen = StressConfiguration.All.Single(c => c.Name == configuration);
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
