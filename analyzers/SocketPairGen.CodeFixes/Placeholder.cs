namespace SocketPairGen.CodeFixes;

/// <summary>The code fix providers of this project live next to this file.</summary>
internal static class CodeFixNames
{
    public const string AddPartial = "SocketPairGen.AddPartial";
    public const string RemoveRefOrOut = "SocketPairGen.RemoveRefOrOut";
    public const string MoveCancellationTokenLast = "SocketPairGen.MoveCancellationTokenLast";
}
