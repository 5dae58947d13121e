using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// A function that cannot set close-on-exec and the call that replaces it: <c>pipe(fds)</c> →
/// <c>pipe2(fds, O_CLOEXEC)</c>. <see cref="Arguments"/> builds the new argument list from the old arguments; the
/// arguments it leaves out must be free of side effects. <see cref="Keeps"/> says whether the replacement means what
/// the call meant (dup3 fails where dup2 of a descriptor onto itself succeeds).
/// </summary>
internal sealed class CloseOnExecVariant
{
    private const long CloseOnExec = 0x80000;

    private CloseOnExecVariant(
        string target,
        int arity,
        string title,
        System.Func<IReadOnlyList<ArgumentSyntax>, SemanticModel, int, IReadOnlyList<ArgumentSyntax>> arguments,
        System.Func<IInvocationOperation, bool>? keeps = null)
    {
        Target = target;
        Arity = arity;
        Title = title;
        Arguments = arguments;
        Keeps = keeps ?? (_ => true);
    }

    /// <summary>The libc function to call instead.</summary>
    public string Target { get; }

    /// <summary>How many parameters the replacement's declaration must have.</summary>
    public int Arity { get; }

    public string Title { get; }

    /// <summary>The replacement's arguments: the old ones (written as they were) and the flag, in the target's order.</summary>
    public System.Func<IReadOnlyList<ArgumentSyntax>, SemanticModel, int, IReadOnlyList<ArgumentSyntax>> Arguments { get; }

    /// <summary>Whether replacing this call keeps its meaning.</summary>
    public System.Func<IInvocationOperation, bool> Keeps { get; }

    /// <summary>The replacements by the libc function they replace.</summary>
    public static IReadOnlyDictionary<string, CloseOnExecVariant> ByFunction { get; } = new Dictionary<string, CloseOnExecVariant>(System.StringComparer.Ordinal)
    {
        ["accept"] = new("accept4", 4, "Use accept4 with SOCK_CLOEXEC", (old, model, at) => [old[0], old[1], old[2], Flag(model, at, "SOCK_CLOEXEC")]),
        ["pipe"] = new("pipe2", 2, "Use pipe2 with O_CLOEXEC", (old, model, at) => [old[0], Flag(model, at, "O_CLOEXEC")]),
        ["creat"] = new("open", 3, "Use open with O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC", (old, model, at) =>
            [old[0], SyntaxFactory.Argument(FlagSyntax.For(model, at, ("O_CREAT", 0x40), ("O_WRONLY", 0x1), ("O_TRUNC", 0x200), ("O_CLOEXEC", CloseOnExec))), old[1]]),
        ["dup"] = new("fcntl", 3, "Use fcntl with F_DUPFD_CLOEXEC", (old, model, at) =>
            [old[0], SyntaxFactory.Argument(FlagSyntax.For(model, at, "F_DUPFD_CLOEXEC", 1030, hex: false)), SyntaxFactory.Argument(Zero)]),
        // Only where the two descriptors provably differ: dup2(fd, fd) succeeds and does nothing, dup3 fails with EINVAL.
        ["dup2"] = new("dup3", 3, "Use dup3 with O_CLOEXEC", (old, model, at) => [old[0], old[1], Flag(model, at, "O_CLOEXEC")], InheritedDuplicates.AreDistinct),
        ["fcntl"] = new("fcntl", 3, "Use F_DUPFD_CLOEXEC", (old, model, at) =>
            [old[0], old[1].WithExpression(Sibling(model, at, old[1].Expression, "F_DUPFD_CLOEXEC", LinuxFlags.FcntlDupFdCloseOnExec)), old[2]]),
        ["mkstemp"] = new("mkostemp", 2, "Use mkostemp with O_CLOEXEC", (old, model, at) => [old[0], Flag(model, at, "O_CLOEXEC")]),
        ["mkstemps"] = new("mkostemps", 3, "Use mkostemps with O_CLOEXEC", (old, model, at) => [old[0], old[1], Flag(model, at, "O_CLOEXEC")]),
        ["epoll_create"] = new("epoll_create1", 1, "Use epoll_create1 with EPOLL_CLOEXEC", (_, model, at) => [Flag(model, at, "EPOLL_CLOEXEC")]),
        ["inotify_init"] = new("inotify_init1", 1, "Use inotify_init1 with IN_CLOEXEC", (_, model, at) => [Flag(model, at, "IN_CLOEXEC")]),
    };

    private static LiteralExpressionSyntax Zero => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0));

    private static ArgumentSyntax Flag(SemanticModel model, int position, string name) =>
        SyntaxFactory.Argument(FlagSyntax.For(model, position, name, CloseOnExec));

    /// <summary>
    /// The constant <paramref name="name"/> spelled the way <paramref name="replaced"/> is, when it is a constant of a
    /// type that also has <paramref name="name"/> with <paramref name="value"/> (<c>Native.F_DUPFD</c> gives
    /// <c>Native.F_DUPFD_CLOEXEC</c>); else as <see cref="FlagSyntax"/> writes it.
    /// </summary>
    private static ExpressionSyntax Sibling(SemanticModel model, int position, ExpressionSyntax replaced, string name, long value)
    {
        if (model.GetSymbolInfo(replaced).Symbol is { ContainingType: { } type }
            && type.GetMembers(name).FirstOrDefault() is { } sibling
            && model.IsAccessible(position, sibling)
            && HasValue(sibling, value))
        {
            switch (replaced)
            {
                case MemberAccessExpressionSyntax access:
                    return access.WithName(SyntaxFactory.IdentifierName(name)).WithTriviaFrom(replaced);
                case IdentifierNameSyntax when model.LookupSymbols(position, name: name) is { Length: 1 } found && SymbolEqualityComparer.Default.Equals(found[0], sibling):
                    return SyntaxFactory.IdentifierName(name).WithTriviaFrom(replaced);
            }
        }

        return FlagSyntax.For(model, position, name, value, hex: false).WithLeadingTrivia(replaced.GetLeadingTrivia());
    }

    /// <summary>A constant of that value, or a property of Tmds.LibC (its constants are properties of Linux's values).</summary>
    private static bool HasValue(ISymbol member, long value) => member switch
    {
        IFieldSymbol { IsConst: true, ConstantValue: var constant } => ConstantValues.ToInt64(constant) == value,
        IPropertySymbol { IsStatic: true, ContainingType: var type } => type.ToDisplayString() == "Tmds.Linux.LibC",
        _ => false,
    };
}
