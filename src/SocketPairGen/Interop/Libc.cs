namespace SocketPairGen.Interop;

/// <summary>
/// P/Invoke declarations for libc, one partial file per area (sockets, spawning, waiting, descriptors).
/// Every call goes through <c>[LibraryImport]</c> so the marshalling is generated at compile time
/// (no run-time stubs, trimming and NativeAOT safe).
/// </summary>
internal static partial class Libc
{
    private const string LibraryName = "libc";
}
