using Microsoft.Win32.SafeHandles;
using SocketPairGen.Interop;

namespace SocketPairGen.Spawning;

/// <summary>
/// What a spawn puts at each descriptor number the child starts with (0, 1, 2 and the socket's number), decided in
/// the parent right before the spawn, and the parent's temporary copies that decision needed.
/// </summary>
/// <remarks>
/// <para>
/// Two rules keep anything but the intended descriptors out of the child. First, <c>Inherit</c> passes the parent's
/// descriptor only when exec would pass it anyway: open and not close-on-exec. A closed standard descriptor, or
/// one that is close-on-exec (every descriptor this library or the runtime creates is; such a descriptor sits on
/// 0, 1 or 2 only because the parent's own stream was closed and the number was free), becomes /dev/null in the
/// child instead of leaving the number empty, where the child's first open would become its standard stream.
/// </para>
/// <para>
/// Second, the file actions run in order in the child, and each writes a target number: a source that sits on a
/// target number (a caller's handle or the child's end landed on a freed 0, 1 or 2, or the end already has the
/// socket's number) could be overwritten before it is copied, or copied onto itself, where dup2 leaves it
/// close-on-exec. Such a source is first copied above every target with <c>F_DUPFD_CLOEXEC</c>; the copy is
/// close-on-exec from birth and closed in the parent after the spawn. Every source is then off every target, so
/// the actions can run in any order.
/// </para>
/// <para>
/// The check and the spawn are not atomic, and a race can only empty a number, never fill it with the wrong
/// descriptor: the parent's stream closed by another thread after the check leaves the number empty in the child,
/// and a close-on-exec descriptor that takes the number meanwhile is closed by exec. Only a descriptor opened
/// without close-on-exec on another thread during the spawn can pass, as it would through any exec.
/// </para>
/// </remarks>
internal sealed class ChildDescriptorLayout : IDisposable
{
    private readonly int _descriptorNumber;
    private readonly StandardAction[] _standard = new StandardAction[3];
    private readonly Dictionary<int, SafeFileHandle> _copies = [];

    private ChildDescriptorLayout(int descriptorNumber) => _descriptorNumber = descriptorNumber;

    /// <summary>What happens at one of the child's descriptors 0, 1 and 2.</summary>
    public enum StandardActionKind
    {
        /// <summary>Nothing: the parent's descriptor passes through exec.</summary>
        Inherit,

        /// <summary>/dev/null is opened there.</summary>
        OpenNull,

        /// <summary><see cref="StandardAction.Source"/> is duplicated onto it.</summary>
        Duplicate,
    }

    /// <summary>The number the child's end of the socket pair gets.</summary>
    public int DescriptorNumber => _descriptorNumber;

    /// <summary>The parent's descriptor to duplicate onto <see cref="DescriptorNumber"/>; never a target number.</summary>
    public int ChildEndSource { get; private set; }

    /// <summary>Whether any standard descriptor gets /dev/null (for the message when the spawn fails).</summary>
    public bool OpensNull => _standard.Any(action => action.Kind == StandardActionKind.OpenNull);

    /// <summary>Plans the child's table. Copies made on the way are closed by <see cref="Dispose"/>.</summary>
    /// <param name="streams">The caller's choices for descriptors 0, 1 and 2.</param>
    /// <param name="childEnd">The parent's descriptor of the child's end of the pair.</param>
    /// <param name="descriptorNumber">The number the child's end gets (at least 3).</param>
    /// <exception cref="IOException">A copy could not be made (EMFILE, ...); nothing is left open.</exception>
    public static ChildDescriptorLayout Plan(StandardStreamHandles streams, int childEnd, int descriptorNumber)
    {
        var layout = new ChildDescriptorLayout(descriptorNumber);
        try
        {
            for (int fd = 0; fd < 3; fd++)
            {
                layout._standard[fd] = streams.KindOf(fd) switch
                {
                    ChildStandardStreamKind.Inherit when ExecPasses(fd) => new(StandardActionKind.Inherit, -1),
                    ChildStandardStreamKind.Inherit or ChildStandardStreamKind.Null => new(StandardActionKind.OpenNull, -1),
                    _ => new(StandardActionKind.Duplicate, layout.OffTargets(streams.DescriptorOf(fd))),
                };
            }

            layout.ChildEndSource = layout.OffTargets(childEnd);
        }
        catch
        {
            layout.Dispose();
            throw;
        }

        return layout;
    }

    /// <summary>What to do at the child's descriptor <paramref name="fd"/> (0, 1 or 2).</summary>
    public StandardAction Standard(int fd) => _standard[fd];

    /// <summary>Closes the parent's temporary copies.</summary>
    public void Dispose()
    {
        foreach (SafeFileHandle copy in _copies.Values)
        {
            copy.Dispose();
        }

        _copies.Clear();
    }

    /// <summary>Whether exec would keep the parent's <paramref name="fd"/>: open and not close-on-exec.</summary>
    private static bool ExecPasses(int fd)
    {
        int flags = Libc.Fcntl(fd, Libc.F_GETFD, 0);
        if (flags >= 0)
        {
            return (flags & Libc.FD_CLOEXEC) == 0;
        }

        int errno = Errno.Last;
        if (errno != Errno.EBADF)
        {
            throw Errno.Exception($"fcntl({fd}, F_GETFD)", errno);
        }

        return false; // closed
    }

    /// <summary><paramref name="fd"/> itself, or a copy above every target number when it sits on one.</summary>
    private int OffTargets(int fd)
    {
        if (fd > 2 && fd != _descriptorNumber)
        {
            return fd;
        }

        if (!_copies.TryGetValue(fd, out SafeFileHandle? copy))
        {
            int above = _descriptorNumber + 1;
            int copied = Libc.Fcntl(fd, Libc.F_DUPFD_CLOEXEC, above);
            if (copied < 0)
            {
                throw Errno.Exception($"fcntl({fd}, F_DUPFD_CLOEXEC, {above})", Errno.Last);
            }

            copy = new SafeFileHandle(copied, ownsHandle: true);
            _copies.Add(fd, copy);
        }

        return (int)copy.DangerousGetHandle();
    }

    /// <summary>One planned action: its kind and, for <see cref="StandardActionKind.Duplicate"/>, the parent's descriptor.</summary>
    internal readonly record struct StandardAction(StandardActionKind Kind, int Source);
}
