namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// The contract rules, by id. The parser reports a problem under one of these ids wherever the generator would
/// have to skip a contract; the contract analyzer turns them into diagnostics, so what the generator skips and
/// what the IDE flags are decided by the same code.
/// </summary>
internal static class RuleIds
{
    public const string NotPartial = "SPG0100";
    public const string TypeCannotCrossTheWire = "SPG0101";
    public const string UnsupportedReturnShape = "SPG0102";
    public const string Generic = "SPG0103";
    public const string MemberCannotBeRemoted = "SPG0104";
    public const string RefOrOutParameter = "SPG0105";
    public const string MisplacedCancellationToken = "SPG0106";
    public const string DuplicateWireId = "SPG0107";
    public const string NameCollision = "SPG0108";
    public const string NotAnInterface = "SPG0109";
    public const string LanguageVersionTooOld = "SPG0110";
    public const string MissingDescriptorMaximum = "SPG0111";
    public const string TooManyDescriptors = "SPG0112";
}
