using System.Net.Sockets;

namespace SocketPairGen.TestChild;

/// <summary>The socket this child was started with.</summary>
internal static class InheritedSocket
{
    // TEMPORARY until ChildProcess.OpenInheritedSocket lands from the child-process branch.
    public static Socket Open() => new(new SafeSocketHandle(3, ownsHandle: true));
}
