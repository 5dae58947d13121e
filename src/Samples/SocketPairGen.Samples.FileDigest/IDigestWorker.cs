using Microsoft.Win32.SafeHandles;
using SocketPairGen;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// What the supervisor asks of a digest worker. A file that fits in one chunk costs one round trip
/// (<see cref="DigestWhole"/>); a larger one streams through <see cref="Begin"/>, <see cref="Append"/> and
/// <see cref="Finish"/>, so neither side ever holds more than one chunk of it. With <c>--pass-descriptors</c> the
/// supervisor passes the open file instead (<see cref="DigestFile"/>): the worker reads it without opening any path.
/// </summary>
[SocketPairChannel]
internal partial interface IDigestWorker
{
    /// <summary>Answers as soon as the worker serves calls: the supervisor times a worker's start-up with it, apart
    /// from the digests.</summary>
    void Ready();

    /// <summary>Digests a whole small file sent in one piece.</summary>
    DigestRecord DigestWhole(long fileId, ReadOnlySpan<byte> content);

    /// <summary>Starts a file that arrives in several chunks; drops whatever an unfinished earlier file left.</summary>
    void Begin(long fileId);

    /// <summary>Adds the next chunk of the file started by <see cref="Begin"/>.</summary>
    void Append(ReadOnlySpan<byte> chunk);

    /// <summary>Ends the file started by <see cref="Begin"/> and returns its digest.</summary>
    DigestRecord Finish();

    /// <summary>Digests a file the supervisor opened, passed as a descriptor: the worker gets its own copy (and closes
    /// it), reads it from its start, and never needs the right to open a path. One call, whatever the file's size.</summary>
    DigestRecord DigestFile(long fileId, SafeFileHandle file);
}
