namespace SocketPairGen.CodeFixes;

/// <summary>
/// The equivalence keys of the code fixes. Fix All groups the fixes that share a key, so every fix of one provider
/// uses one key whatever its title says (for example "Remove 'ref'" and "Remove 'out'" are fixed together).
/// </summary>
internal static class CodeFixNames
{
    public const string AddPartial = "SocketPairGen.AddPartial";
    public const string RemoveRefOrOut = "SocketPairGen.RemoveRefOrOut";
    public const string MoveCancellationTokenLast = "SocketPairGen.MoveCancellationTokenLast";
    public const string FoldCloseOnExec = "SocketPairGen.FoldCloseOnExec";
}
