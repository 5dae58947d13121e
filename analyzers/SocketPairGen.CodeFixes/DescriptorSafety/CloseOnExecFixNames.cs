namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// The equivalence keys of the close-on-exec fixes: one per rule and kind of fix, so Fix All of SPG0001 never
/// rewrites a pipe, and "add the flag" and "call the variant that takes it" are applied separately.
/// </summary>
internal static class CloseOnExecFixNames
{
    public static string AddFlag(string ruleId) => "SocketPairGen.AddCloseOnExecFlag." + ruleId;

    public static string UseVariant(string ruleId) => "SocketPairGen.UseCloseOnExecVariant." + ruleId;
}
