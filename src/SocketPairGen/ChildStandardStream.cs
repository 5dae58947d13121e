using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen;

/// <summary>
/// What one of a child's standard streams (descriptor 0, 1 or 2) is: the parent's own (<see cref="Inherit"/>, the
/// default), the null device (<see cref="Null"/>), or a descriptor the caller passes
/// (<see cref="FromHandle(SafeFileHandle)"/>). Set through <see cref="ChildProcessOptions.StandardInput"/>,
/// <see cref="ChildProcessOptions.StandardOutput"/> and <see cref="ChildProcessOptions.StandardError"/>.
/// </summary>
/// <remarks>
/// Instances are immutable; one may serve several streams and several starts. A passed handle stays owned by the
/// caller: <see cref="ChildProcess.Start(string, IEnumerable{string}, ChildProcessOptions?)"/> neither closes it
/// nor changes its flags, and the child gets its own copy, so the caller may dispose the handle as soon as
/// <c>Start</c> returns (it must, for the write end of a pipe, to ever read end of file from the other end).
/// </remarks>
public sealed class ChildStandardStream
{
    private ChildStandardStream(ChildStandardStreamKind kind, SafeHandle? handle)
    {
        Kind = kind;
        Handle = handle;
    }

    /// <summary>
    /// The child gets the parent's descriptor of the same number. When the parent's descriptor is closed, or is
    /// close-on-exec (so the child would not receive it: this is how a descriptor the parent opened later, which
    /// landed on the free number, looks), the child gets <see cref="Null"/> instead: a child never starts with
    /// descriptor 0, 1 or 2 closed, where the first file it opens would become its standard stream.
    /// </summary>
    public static ChildStandardStream Inherit { get; } = new(ChildStandardStreamKind.Inherit, handle: null);

    /// <summary>
    /// The child gets <c>/dev/null</c>, opened read-only for standard input (it reads end of file at once) and
    /// write-only for standard output and error (what it writes is discarded).
    /// </summary>
    public static ChildStandardStream Null { get; } = new(ChildStandardStreamKind.Null, handle: null);

    /// <summary>Whether this is <see cref="Inherit"/>, <see cref="Null"/> or a passed handle.</summary>
    public ChildStandardStreamKind Kind { get; }

    /// <summary>The caller's handle when <see cref="Kind"/> is <see cref="ChildStandardStreamKind.Handle"/>; otherwise <see langword="null"/>.</summary>
    public SafeHandle? Handle { get; }

    /// <summary>
    /// The child gets a copy of <paramref name="handle"/>'s descriptor: a file opened with
    /// <see cref="File.OpenHandle"/>, for example.
    /// </summary>
    /// <param name="handle">An open descriptor; the caller keeps owning it.</param>
    /// <returns>The stream to assign to a <see cref="ChildProcessOptions"/> property.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is closed or invalid.</exception>
    public static ChildStandardStream FromHandle(SafeFileHandle handle) => FromAnyHandle(handle);

    /// <summary>
    /// The child gets a copy of <paramref name="handle"/>'s descriptor: an end of an anonymous pipe
    /// (<see cref="System.IO.Pipes.AnonymousPipeServerStream.ClientSafePipeHandle"/>, for example), so the
    /// parent can write the child's input or read its output.
    /// </summary>
    /// <param name="handle">An open descriptor; the caller keeps owning it.</param>
    /// <returns>The stream to assign to a <see cref="ChildProcessOptions"/> property.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is closed or invalid.</exception>
    public static ChildStandardStream FromHandle(SafePipeHandle handle) => FromAnyHandle(handle);

    /// <summary>
    /// The child gets a copy of <paramref name="handle"/>'s descriptor, a socket (<see cref="Socket.SafeHandle"/>),
    /// as the inetd family of servers expect.
    /// </summary>
    /// <param name="handle">An open descriptor; the caller keeps owning it.</param>
    /// <returns>The stream to assign to a <see cref="ChildProcessOptions"/> property.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is closed or invalid.</exception>
    public static ChildStandardStream FromHandle(SafeSocketHandle handle) => FromAnyHandle(handle);

    /// <summary>"Inherit", "Null", or "Handle (fd N)".</summary>
    /// <returns>A short description for messages and debugging.</returns>
    public override string ToString() => Handle is null
        ? Kind.ToString()
        : $"Handle (fd {Handle.DangerousGetHandle()})";

    private static ChildStandardStream FromAnyHandle(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);

        // Checked again, with the descriptor itself, when a child starts: the caller may close it in between.
        if (handle.IsClosed)
        {
            throw new ArgumentException("The handle is closed: a child's standard stream needs an open descriptor.", nameof(handle));
        }

        nint value = handle.DangerousGetHandle();
        if (handle.IsInvalid || value < 0 || value > int.MaxValue)
        {
            throw new ArgumentException($"The handle is invalid (value {value}): a child's standard stream needs an open descriptor.", nameof(handle));
        }

        return new ChildStandardStream(ChildStandardStreamKind.Handle, handle);
    }
}
