namespace SocketPairGen.Generator.Model;

/// <summary>Which handle type stands for a descriptor on the wire; each has a runtime kind type of the same name.</summary>
internal enum DescriptorKind
{
    /// <summary><c>SafeFileHandle</c>: any descriptor (<c>FileHandleKind</c>).</summary>
    FileHandle,

    /// <summary><c>Socket</c>: a socket (<c>SocketKind</c>).</summary>
    Socket,

    /// <summary><c>SafeSocketHandle</c>: a socket (<c>SocketHandleKind</c>).</summary>
    SocketHandle,

    /// <summary><c>ChannelEnd&lt;TContract&gt;</c>: an AF_UNIX stream socket (<c>ChannelEndKind&lt;TContract&gt;</c>).</summary>
    ChannelEnd,
}
