namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>The equivalence keys of the close fixes, one per rule, so Fix All of one never applies the other.</summary>
internal static class CloseFixNames
{
    public const string RemoveExtraClose = "SocketPairGen.RemoveExtraClose";
    public const string CloseAfterSpawn = "SocketPairGen.CloseAfterSpawn";
}
