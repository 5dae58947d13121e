using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// What SPG0001-SPG0007 require of one libc function: the parameter that must carry the close-on-exec flag and its
/// value, or (when the function cannot take the flag) the function to call instead.
/// </summary>
internal sealed class CloseOnExecRule
{
    /// <summary>The keys of the properties a diagnostic carries for the code fixes.</summary>
    public const string FlagParameterKey = "FlagParameter";
    public const string FlagValueKey = "FlagValue";
    public const string FlagNameKey = "FlagName";
    public const string ReplacementKey = "Replacement";

    private CloseOnExecRule(string function, DiagnosticDescriptor descriptor, int flagParameter, long flag, string flagName, string? replacement)
    {
        Function = function;
        Descriptor = descriptor;
        FlagParameter = flagParameter;
        Flag = flag;
        FlagName = flagName;
        Replacement = replacement;

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[FlagNameKey] = flagName;
        properties[FlagValueKey] = flag.ToString(CultureInfo.InvariantCulture);
        if (HasFlagParameter)
        {
            properties[FlagParameterKey] = flagParameter.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            properties[ReplacementKey] = replacement;
        }

        Properties = properties.ToImmutable();
    }

    /// <summary>The libc function.</summary>
    public string Function { get; }

    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The ordinal of the flags parameter, or -1 when the function has none and is always reported.</summary>
    public int FlagParameter { get; }

    /// <summary>The value of the close-on-exec flag the parameter must contain (or the replacement must be given).</summary>
    public long Flag { get; }

    /// <summary>The flag's C name, for messages and code fixes.</summary>
    public string FlagName { get; }

    /// <summary>The function that takes the flag, for a function that cannot (<c>pipe</c> → <c>pipe2</c>); else null.</summary>
    public string? Replacement { get; }

    public bool HasFlagParameter => FlagParameter >= 0;

    /// <summary>SPG0006's advice: the flag to pass, or the <c>*1</c> variant to call with it.</summary>
    public string Advice => Replacement is null ? FlagName : $"{Replacement}({FlagName})";

    /// <summary>The rules by libc function name.</summary>
    public static IReadOnlyDictionary<string, CloseOnExecRule> ByFunction { get; } = Build(
        Flagged("socket", Descriptors.SocketWithoutCloseOnExec),
        Flagged("socketpair", Descriptors.SocketWithoutCloseOnExec),
        Always("accept", Descriptors.AcceptWithoutCloseOnExec, "SOCK_CLOEXEC", "accept4"),
        Flagged("accept4", Descriptors.AcceptWithoutCloseOnExec),
        Always("pipe", Descriptors.PipeWithoutCloseOnExec, "O_CLOEXEC", "pipe2"),
        Flagged("pipe2", Descriptors.PipeWithoutCloseOnExec),
        Flagged("open", Descriptors.OpenWithoutCloseOnExec),
        Flagged("openat", Descriptors.OpenWithoutCloseOnExec),
        Flagged("open64", Descriptors.OpenWithoutCloseOnExec),
        Flagged("openat64", Descriptors.OpenWithoutCloseOnExec),
        Always("mkstemp", Descriptors.OpenWithoutCloseOnExec, "O_CLOEXEC", "mkostemp"),
        Flagged("mkostemp", Descriptors.OpenWithoutCloseOnExec),
        Always("mkstemps", Descriptors.OpenWithoutCloseOnExec, "O_CLOEXEC", "mkostemps"),
        Flagged("mkostemps", Descriptors.OpenWithoutCloseOnExec),
        Always("creat", Descriptors.OpenWithoutCloseOnExec, "O_CLOEXEC", "open"),
        Always("dup", Descriptors.DupWithoutCloseOnExec, "F_DUPFD_CLOEXEC", "fcntl"),
        Always("dup2", Descriptors.DupWithoutCloseOnExec, "O_CLOEXEC", "dup3"),
        Flagged("dup3", Descriptors.DupWithoutCloseOnExec),
        Always("fcntl", Descriptors.DupWithoutCloseOnExec, "F_DUPFD_CLOEXEC", "fcntl"),
        Always("epoll_create", Descriptors.SpecialDescriptorWithoutCloseOnExec, "EPOLL_CLOEXEC", "epoll_create1"),
        Flagged("epoll_create1", Descriptors.SpecialDescriptorWithoutCloseOnExec),
        Always("inotify_init", Descriptors.SpecialDescriptorWithoutCloseOnExec, "IN_CLOEXEC", "inotify_init1"),
        Flagged("inotify_init1", Descriptors.SpecialDescriptorWithoutCloseOnExec),
        Flagged("eventfd", Descriptors.SpecialDescriptorWithoutCloseOnExec),
        Flagged("timerfd_create", Descriptors.SpecialDescriptorWithoutCloseOnExec),
        Flagged("memfd_create", Descriptors.SpecialDescriptorWithoutCloseOnExec),
        Flagged("signalfd", Descriptors.SpecialDescriptorWithoutCloseOnExec),
        Flagged("recvmsg", Descriptors.RecvmsgWithoutCloseOnExec, 2, "MSG_CMSG_CLOEXEC", LinuxFlags.MsgCmsgCloseOnExec));

    /// <summary>The properties a diagnostic of this rule carries, so a code fix needs no table of its own.</summary>
    public ImmutableDictionary<string, string?> Properties { get; }

    /// <summary>A function that creates a descriptor and takes the flag: where and which, from <see cref="DescriptorCreators"/>.</summary>
    private static CloseOnExecRule Flagged(string function, DiagnosticDescriptor descriptor)
    {
        DescriptorCreator creator = DescriptorCreators.Find(function)!;
        return new(function, descriptor, creator.FlagsOrdinal!.Value, creator.CloseOnExec, creator.CloseOnExecName, replacement: null);
    }

    private static CloseOnExecRule Flagged(string function, DiagnosticDescriptor descriptor, int parameter, string flagName, long flag) =>
        new(function, descriptor, parameter, flag, flagName, replacement: null);

    private static CloseOnExecRule Always(string function, DiagnosticDescriptor descriptor, string flagName, string replacement) =>
        new(function, descriptor, flagParameter: -1, LinuxFlags.CloseOnExec, flagName, replacement);

    private static Dictionary<string, CloseOnExecRule> Build(params CloseOnExecRule[] rules) =>
        rules.ToDictionary(rule => rule.Function, System.StringComparer.Ordinal);
}
