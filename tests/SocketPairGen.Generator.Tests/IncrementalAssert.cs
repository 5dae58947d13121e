using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Tests;

/// <summary>Checks why a tracked step produced its outputs in a generator run.</summary>
internal static class IncrementalAssert
{
    /// <summary>The step the driver records for <c>RegisterSourceOutput</c>.</summary>
    public const string SourceOutput = "SourceOutput";

    public static readonly IncrementalStepRunReason[] NotRegenerated = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    /// <summary>Every output of the named step ran for one of <paramref name="allowed"/>; the step must have run.</summary>
    public static void AllOutputs(GeneratorRun run, string stepName, params IncrementalStepRunReason[] allowed)
    {
        var outputs = Outputs(run, stepName);
        Assert.True(outputs.Count > 0, $"The step {stepName} recorded no outputs.");
        foreach ((object value, IncrementalStepRunReason reason) in outputs)
        {
            Assert.True(allowed.Contains(reason), $"{stepName}: an output was {reason}, expected {string.Join(" or ", allowed)}: {value}");
        }
    }

    /// <summary>The outputs of a step named in <see cref="TrackingNames"/> or of the source output step.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string stepName) =>
        stepName == SourceOutput
            ? [.. run.Generator.TrackedOutputSteps.TryGetValue(stepName, out var steps) ? steps.SelectMany(s => s.Outputs) : []]
            : run.Outputs(stepName);

    /// <summary>The reason of the single output of <paramref name="stepName"/> whose spec is the contract <paramref name="contractName"/>.</summary>
    public static IncrementalStepRunReason ReasonFor(GeneratorRun run, string stepName, string contractName) =>
        Assert.Single(run.Outputs(stepName), o => o.Value is Model.ContractSpec spec && spec.Name == contractName).Reason;
}
