using Microsoft.CodeAnalysis;
using SocketPairGen.Generator.Parsing;

namespace SocketPairGen.Analyzers;

/// <summary>
/// Every SocketPairGen diagnostic: ids, titles (no period), one-sentence messages. No help link until the project has
/// a public home that serves the rule pages: they ship in the package instead (<c>docs/SPGnnnn.md</c>).
/// </summary>
internal static class Descriptors
{
    private const string ContractCategory = "SocketPairGen.Contract";
    private const string DescriptorCategory = "SocketPairGen.Descriptors";

    public static readonly DiagnosticDescriptor SocketWithoutCloseOnExec = Descriptor(
        "SPG0001", DiagnosticSeverity.Warning,
        "Socket created without close-on-exec",
        "'{0}' creates a descriptor without SOCK_CLOEXEC: every child process started meanwhile inherits it");

    public static readonly DiagnosticDescriptor AcceptWithoutCloseOnExec = Descriptor(
        "SPG0002", DiagnosticSeverity.Warning,
        "Accepted socket without close-on-exec",
        "'{0}' returns a descriptor without close-on-exec: use accept4 with SOCK_CLOEXEC");

    public static readonly DiagnosticDescriptor PipeWithoutCloseOnExec = Descriptor(
        "SPG0003", DiagnosticSeverity.Warning,
        "Pipe created without close-on-exec",
        "'{0}' creates descriptors without O_CLOEXEC: use pipe2 with O_CLOEXEC");

    public static readonly DiagnosticDescriptor OpenWithoutCloseOnExec = Descriptor(
        "SPG0004", DiagnosticSeverity.Warning,
        "File opened without close-on-exec",
        "'{0}' opens a descriptor without O_CLOEXEC: every child process started meanwhile inherits it");

    public static readonly DiagnosticDescriptor DupWithoutCloseOnExec = Descriptor(
        "SPG0005", DiagnosticSeverity.Warning,
        "Descriptor duplicated without close-on-exec",
        "'{0}' makes a copy without close-on-exec: use fcntl(F_DUPFD_CLOEXEC) or dup3 with O_CLOEXEC");

    public static readonly DiagnosticDescriptor SpecialDescriptorWithoutCloseOnExec = Descriptor(
        "SPG0006", DiagnosticSeverity.Warning,
        "Descriptor created without close-on-exec",
        "'{0}' creates a descriptor without its close-on-exec flag: {1}");

    public static readonly DiagnosticDescriptor RecvmsgWithoutCloseOnExec = Descriptor(
        "SPG0007", DiagnosticSeverity.Warning,
        "Received descriptors without close-on-exec",
        "'recvmsg' without MSG_CMSG_CLOEXEC: descriptors received in its control message are inheritable");

    public static readonly DiagnosticDescriptor CloseOnExecSetAfterwards = Descriptor(
        "SPG0008", DiagnosticSeverity.Info,
        "Close-on-exec set after creation",
        "Close-on-exec is set after '{0}' created the descriptor: a child spawned in between inherits it; pass the flag to '{0}'");

    public static readonly DiagnosticDescriptor CloseOnExecConstantWrongValue = Descriptor(
        "SPG0009", DiagnosticSeverity.Warning,
        "Close-on-exec constant with the wrong value",
        "'{0}' is {1} but {2} is {3} on Linux: flags made with it do not set close-on-exec, and may set other flags");

    public static readonly DiagnosticDescriptor DescriptorClosedTwice = Descriptor(
        "SPG0012", DiagnosticSeverity.Warning,
        "Descriptor closed twice",
        "'{0}' is closed again after it was {1}: by then its number may belong to a descriptor another thread opened");

    public static readonly DiagnosticDescriptor DescriptorLeaked = Descriptor(
        "SPG0010", DiagnosticSeverity.Warning,
        "Descriptor not closed on every path",
        "The descriptor '{0}' creates is {1}: it leaks, and child processes may inherit it");

    public static readonly DiagnosticDescriptor DisposableLeaked = Descriptor(
        "SPG0011", DiagnosticSeverity.Warning,
        "Socket or child process not disposed on every path",
        "The {0} created here is {1}: its descriptors stay open until finalization");

    public static readonly DiagnosticDescriptor ReceivedDescriptorLeaked = Descriptor(
        "SPG0013", DiagnosticSeverity.Warning,
        "Descriptor received by a server method not disposed on every path",
        "This method owns the {0} '{1}' the channel hands it, and it is {2}: its descriptors stay open until finalization");

    public static readonly DiagnosticDescriptor PeerCredentialsOfASocketPair = Descriptor(
        "SPG0021", DiagnosticSeverity.Info,
        "SO_PEERCRED read on a socketpair",
        "SO_PEERCRED on an end of a socketpair names the process that created the pair, not the peer that holds the other end");

    public static readonly DiagnosticDescriptor SpawnedDescriptorNotClosed = Descriptor(
        "SPG0020", DiagnosticSeverity.Warning,
        "Descriptor mapped into a child is not closed after the spawn",
        "'{0}' is mapped into the child but the parent keeps it open after '{1}': the child's peer never sees end of file; close it right after the spawn");

    public static readonly DiagnosticDescriptor NotPartial = Contract(
        Ids.NotPartial,
        "Channel contract or its containing type is not partial",
        "'{0}' must be declared partial so that [SocketPairChannel] can add the channel to it");

    public static readonly DiagnosticDescriptor TypeCannotCrossTheWire = Contract(
        Ids.TypeCannotCrossTheWire,
        "Type cannot cross the wire",
        "{0} of '{1}' has type '{2}', which cannot cross the wire: {3}");

    public static readonly DiagnosticDescriptor UnsupportedReturnShape = Contract(
        Ids.UnsupportedReturnShape,
        "Unsupported return shape",
        "'{0}' returns '{1}', which a channel cannot return: {2}");

    public static readonly DiagnosticDescriptor Generic = Contract(
        Ids.Generic,
        "Generic contract or method",
        "'{0}' is generic, and a channel contract and its methods cannot be generic");

    public static readonly DiagnosticDescriptor MemberCannotBeRemoted = Contract(
        Ids.MemberCannotBeRemoted,
        "Member cannot be remoted",
        "'{0}' is {1}, which cannot be remoted: a channel contract holds only abstract instance methods");

    public static readonly DiagnosticDescriptor RefOrOutParameter = Contract(
        Ids.RefOrOutParameter,
        "Ref or out parameter",
        "Parameter '{0}' of '{1}' is '{2}', and a value cannot be passed by reference to another process");

    public static readonly DiagnosticDescriptor MisplacedCancellationToken = Contract(
        Ids.MisplacedCancellationToken,
        "Misplaced CancellationToken",
        "Parameter '{0}' of '{1}' is {2}");

    public static readonly DiagnosticDescriptor DuplicateWireId = Contract(
        Ids.DuplicateWireId,
        "Methods the wire cannot tell apart",
        "'{0}' would get the same wire id as '{1}'");

    public static readonly DiagnosticDescriptor NameCollision = Contract(
        Ids.NameCollision,
        "Member name collides with generated code",
        "'{0}' collides with a member SocketPairGen generates or the proxy inherits; rename it");

    public static readonly DiagnosticDescriptor NotAnInterface = Contract(
        Ids.NotAnInterface,
        "SocketPairChannel on something that cannot be a contract",
        "[SocketPairChannel] applies to interfaces, but '{0}' is {1}");

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Contract(
        Ids.LanguageVersionTooOld,
        "C# version too old for the generated channel",
        "The channel of '{0}' needs C# {1} or later, but this project compiles with C# {2}: raise <LangVersion> to {1} or remove it");

    public static readonly DiagnosticDescriptor MissingDescriptorMaximum = Contract(
        Ids.MissingDescriptorMaximum,
        "Array of handles without a valid maximum",
        "{0} of '{1}' is an array of handles and {2}: the receiver must know how many descriptors a frame may bring");

    public static readonly DiagnosticDescriptor TooManyDescriptors = Contract(
        Ids.TooManyDescriptors,
        "More descriptors than one frame carries",
        "The {1} of '{0}' may hold {2} descriptors, and one frame carries at most {3}");

    /// <summary>The contract rules, by id.</summary>
    public static readonly System.Collections.Generic.IReadOnlyDictionary<string, DiagnosticDescriptor> ContractRules =
        new System.Collections.Generic.Dictionary<string, DiagnosticDescriptor>
        {
            [NotPartial.Id] = NotPartial,
            [TypeCannotCrossTheWire.Id] = TypeCannotCrossTheWire,
            [UnsupportedReturnShape.Id] = UnsupportedReturnShape,
            [Generic.Id] = Generic,
            [MemberCannotBeRemoted.Id] = MemberCannotBeRemoted,
            [RefOrOutParameter.Id] = RefOrOutParameter,
            [MisplacedCancellationToken.Id] = MisplacedCancellationToken,
            [DuplicateWireId.Id] = DuplicateWireId,
            [NameCollision.Id] = NameCollision,
            [NotAnInterface.Id] = NotAnInterface,
            [LanguageVersionTooOld.Id] = LanguageVersionTooOld,
            [MissingDescriptorMaximum.Id] = MissingDescriptorMaximum,
            [TooManyDescriptors.Id] = TooManyDescriptors,
        };

    /// <summary>The descriptor-safety rules, by id.</summary>
    public static readonly System.Collections.Generic.IReadOnlyDictionary<string, DiagnosticDescriptor> DescriptorRules =
        new System.Collections.Generic.Dictionary<string, DiagnosticDescriptor>
        {
            [SocketWithoutCloseOnExec.Id] = SocketWithoutCloseOnExec,
            [AcceptWithoutCloseOnExec.Id] = AcceptWithoutCloseOnExec,
            [PipeWithoutCloseOnExec.Id] = PipeWithoutCloseOnExec,
            [OpenWithoutCloseOnExec.Id] = OpenWithoutCloseOnExec,
            [DupWithoutCloseOnExec.Id] = DupWithoutCloseOnExec,
            [SpecialDescriptorWithoutCloseOnExec.Id] = SpecialDescriptorWithoutCloseOnExec,
            [RecvmsgWithoutCloseOnExec.Id] = RecvmsgWithoutCloseOnExec,
            [CloseOnExecSetAfterwards.Id] = CloseOnExecSetAfterwards,
            [CloseOnExecConstantWrongValue.Id] = CloseOnExecConstantWrongValue,
            [DescriptorClosedTwice.Id] = DescriptorClosedTwice,
            [PeerCredentialsOfASocketPair.Id] = PeerCredentialsOfASocketPair,
            [DescriptorLeaked.Id] = DescriptorLeaked,
            [DisposableLeaked.Id] = DisposableLeaked,
            [ReceivedDescriptorLeaked.Id] = ReceivedDescriptorLeaked,
            [SpawnedDescriptorNotClosed.Id] = SpawnedDescriptorNotClosed,
        };

    private static DiagnosticDescriptor Descriptor(string id, DiagnosticSeverity severity, string title, string message) =>
        new(id, title, message, DescriptorCategory, severity, isEnabledByDefault: true,
            description: null, helpLinkUri: null);

    private static DiagnosticDescriptor Contract(string id, string title, string message) =>
        new(id, title, message, ContractCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: null, helpLinkUri: null);

    /// <summary>The rule ids; the contract ones are the parser's own (<see cref="RuleIds"/>).</summary>
    public static class Ids
    {
        public const string NotPartial = RuleIds.NotPartial;
        public const string TypeCannotCrossTheWire = RuleIds.TypeCannotCrossTheWire;
        public const string UnsupportedReturnShape = RuleIds.UnsupportedReturnShape;
        public const string Generic = RuleIds.Generic;
        public const string MemberCannotBeRemoted = RuleIds.MemberCannotBeRemoted;
        public const string RefOrOutParameter = RuleIds.RefOrOutParameter;
        public const string MisplacedCancellationToken = RuleIds.MisplacedCancellationToken;
        public const string DuplicateWireId = RuleIds.DuplicateWireId;
        public const string NameCollision = RuleIds.NameCollision;
        public const string NotAnInterface = RuleIds.NotAnInterface;
        public const string LanguageVersionTooOld = RuleIds.LanguageVersionTooOld;
        public const string MissingDescriptorMaximum = RuleIds.MissingDescriptorMaximum;
        public const string TooManyDescriptors = RuleIds.TooManyDescriptors;
    }
}
