namespace SocketPairGen.Generator;

/// <summary>Names of the pipeline's steps, so tests can check what each run cached.</summary>
internal static class TrackingNames
{
    public const string Contracts = nameof(Contracts);
    public const string ValidContracts = nameof(ValidContracts);
}
