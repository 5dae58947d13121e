namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The diagnostic property by which the leak rules (SPG0010, SPG0011, SPG0013) tell their code fixes how the method
/// lets go of the resource on the paths where it does: the fix that adds an owner for the end of the scope is safe only
/// when nothing else, or only closes and disposals, release it.
/// </summary>
internal static class LeakReleases
{
    public const string Property = "Releases";

    /// <summary>Nothing in the method releases it.</summary>
    public const string None = "None";

    /// <summary>SPG0010: only <c>close(fd);</c> statements, which the fix turns into disposals of the handle it adds.</summary>
    public const string CloseStatements = "CloseStatements";

    /// <summary>
    /// SPG0011: only <c>Dispose</c>/<c>DisposeAsync</c>/<c>Close</c> calls, which a <c>using</c> repeats harmlessly;
    /// SPG0013 also counts a <c>using</c> of the parameter.
    /// </summary>
    public const string Disposals = "Disposals";

    /// <summary>A hand-off or a use the rule cannot follow: an owner for the end of the scope would close what another holds.</summary>
    public const string Other = "Other";
}
