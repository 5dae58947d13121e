namespace SocketPairGen;

/// <summary>The three things a child's standard stream can be; see <see cref="ChildStandardStream"/>.</summary>
public enum ChildStandardStreamKind
{
    /// <summary>The parent's descriptor of the same number (<c>/dev/null</c> when the parent's is closed); see <see cref="ChildStandardStream.Inherit"/>.</summary>
    Inherit,

    /// <summary><c>/dev/null</c>; see <see cref="ChildStandardStream.Null"/>.</summary>
    Null,

    /// <summary>A copy of a descriptor the caller passed; see <see cref="ChildStandardStream.Handle"/>.</summary>
    Handle,
}
