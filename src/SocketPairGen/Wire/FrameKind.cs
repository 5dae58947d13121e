namespace SocketPairGen.Wire;

/// <summary>What a frame carries. The value is the header's kind byte; any other value is a protocol error.</summary>
internal enum FrameKind : byte
{
    /// <summary>The handshake: protocol version, role and contract fingerprint. The first frame each side sends.</summary>
    Hello = 1,

    /// <summary>Client to server: call method <see cref="FrameHeader.MethodId"/>; the payload holds the arguments.</summary>
    Request = 2,

    /// <summary>Server to client: the call returned; the payload holds the result.</summary>
    Response = 3,

    /// <summary>Server to client: the call threw; the payload holds the exception's type name, message and stack trace.</summary>
    Error = 4,

    /// <summary>Server to client: the call ended because the client cancelled it. Empty payload.</summary>
    Canceled = 5,

    /// <summary>Client to server: the caller cancelled call <see cref="FrameHeader.CallId"/>. Empty payload.</summary>
    Cancel = 6,
}
