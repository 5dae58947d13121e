using System.Text;

namespace SocketPairGen.Tests.Stress;

/// <summary>What a stress run did and what went wrong.</summary>
internal sealed record StressResult(
    StressConfiguration Configuration,
    int Seed,
    int Calls,
    int Returned,
    int RemoteErrors,
    int Cancelled,
    TimeSpan Elapsed,
    IReadOnlyList<string> Failures)
{
    public string Summary =>
        $"seed {Seed}, {Configuration}: {Calls} calls ({Returned} returned, {RemoteErrors} remote errors, {Cancelled} cancelled) in {Elapsed.TotalSeconds:F1} s";

    /// <summary>The failures, the seed and how to replay it.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.Append($"Stress run failed: {Summary}, {Failures.Count} failures. Replay with ")
            .Append($"{StressConfiguration.SeedVariable}={Seed} dotnet test tests/SocketPairGen.Tests --filter FullyQualifiedName~SocketPairGen.Tests.Stress");
        foreach (string failure in Failures.Take(30))
        {
            text.Append("\n- ").Append(failure);
        }

        if (Failures.Count > 30)
        {
            text.Append($"\n… and {Failures.Count - 30} more");
        }

        return text.ToString();
    }
}
