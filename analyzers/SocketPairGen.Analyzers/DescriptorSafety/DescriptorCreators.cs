using System.Collections.Generic;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// A libc function that creates a descriptor: where the descriptor comes out (the return value or an array argument)
/// and, when the function has one, the flags parameter that sets close-on-exec atomically.
/// </summary>
/// <param name="Name">The libc function.</param>
/// <param name="FlagsOrdinal">The parameter that takes the close-on-exec flag, or null when the function has none.</param>
/// <param name="CloseOnExec">The flag's value for this function.</param>
/// <param name="CloseOnExecName">The flag's name in the C headers, for the code fix.</param>
/// <param name="DescriptorsOrdinal">The array parameter the descriptors are written into, or null when returned.</param>
internal sealed record DescriptorCreator(string Name, int? FlagsOrdinal, long CloseOnExec, string CloseOnExecName, int? DescriptorsOrdinal);

/// <summary>The libc functions that create descriptors, by name.</summary>
internal static class DescriptorCreators
{
    private static readonly Dictionary<string, DescriptorCreator> ByName = Build(
        new("socket", 1, LinuxFlags.CloseOnExec, "SOCK_CLOEXEC", null),
        new("socketpair", 1, LinuxFlags.CloseOnExec, "SOCK_CLOEXEC", 3),
        new("accept4", 3, LinuxFlags.CloseOnExec, "SOCK_CLOEXEC", null),
        new("accept", null, LinuxFlags.CloseOnExec, "SOCK_CLOEXEC", null),
        new("pipe", null, LinuxFlags.CloseOnExec, "O_CLOEXEC", 0),
        new("pipe2", 1, LinuxFlags.CloseOnExec, "O_CLOEXEC", 0),
        new("open", 1, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("open64", 1, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("openat", 2, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("openat64", 2, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("creat", null, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("mkstemp", null, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("mkostemp", 1, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("mkstemps", null, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("mkostemps", 2, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("dup", null, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("dup2", null, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("dup3", 2, LinuxFlags.CloseOnExec, "O_CLOEXEC", null),
        new("epoll_create", null, LinuxFlags.CloseOnExec, "EPOLL_CLOEXEC", null),
        new("epoll_create1", 0, LinuxFlags.CloseOnExec, "EPOLL_CLOEXEC", null),
        new("inotify_init", null, LinuxFlags.CloseOnExec, "IN_CLOEXEC", null),
        new("inotify_init1", 0, LinuxFlags.CloseOnExec, "IN_CLOEXEC", null),
        new("eventfd", 1, LinuxFlags.CloseOnExec, "EFD_CLOEXEC", null),
        new("timerfd_create", 1, LinuxFlags.CloseOnExec, "TFD_CLOEXEC", null),
        new("memfd_create", 1, LinuxFlags.MemfdCloseOnExec, "MFD_CLOEXEC", null),
        new("signalfd", 2, LinuxFlags.CloseOnExec, "SFD_CLOEXEC", null));

    /// <summary>
    /// <c>fcntl</c> as <c>F_DUPFD</c> or <c>F_DUPFD_CLOEXEC</c>: the copy it returns. Not in the table by name, since its
    /// other commands create nothing; SPG0001-SPG0007 judge it through <see cref="IsJudged"/>.
    /// </summary>
    private static readonly DescriptorCreator FcntlDuplicate = new("fcntl", null, LinuxFlags.CloseOnExec, "F_DUPFD_CLOEXEC", null);

    /// <summary>
    /// The creator <paramref name="call"/> is, for the rules that follow the descriptor it makes (SPG0010, SPG0020, the
    /// origin of a descriptor): a creator by name, or <c>fcntl</c> with a duplicating command (<c>F_DUPFD</c>,
    /// <c>F_DUPFD_CLOEXEC</c>, folded from literals, constants or Tmds.LibC's names). Null when it creates none.
    /// </summary>
    public static DescriptorCreator? Of(IInvocationOperation call)
    {
        string? function = LibcCall.FunctionName(call);
        if (function != "fcntl")
        {
            return Find(function);
        }

        return ConstantValues.Of(InvocationArguments.ValueOf(call, 1)) is LinuxFlags.FcntlDupFd or LinuxFlags.FcntlDupFdCloseOnExec
            ? FcntlDuplicate
            : null;
    }

    /// <summary>The creator called <paramref name="function"/>, or null when that function creates no descriptor.</summary>
    public static DescriptorCreator? Find(string? function) =>
        function is not null && ByName.TryGetValue(function, out DescriptorCreator? creator) ? creator : null;

    /// <summary>
    /// Whether the call to <paramref name="function"/> makes a descriptor that SPG0001-SPG0007 judge: <c>fcntl</c>
    /// only as <c>F_DUPFD</c> (every other command makes none; <c>F_DUPFD_CLOEXEC</c> sets the flag), and the
    /// duplicating calls not where the copy is meant to outlive exec or is no copy at all
    /// (<see cref="InheritedDuplicates"/>). Every other creator always.
    /// </summary>
    public static bool IsJudged(IInvocationOperation call, string function) => function switch
    {
        "fcntl" => ConstantValues.Of(InvocationArguments.ValueOf(call, 1)) == LinuxFlags.FcntlDupFd
            && !InheritedDuplicates.IsDeliberate(call, function),
        "dup" or "dup2" or "dup3" => !InheritedDuplicates.IsDeliberate(call, function),
        _ => true,
    };

    private static Dictionary<string, DescriptorCreator> Build(params DescriptorCreator[] creators)
    {
        var byName = new Dictionary<string, DescriptorCreator>(System.StringComparer.Ordinal);
        foreach (DescriptorCreator creator in creators)
        {
            byName.Add(creator.Name, creator);
        }

        return byName;
    }
}
