using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// The worker's side of <see cref="IDigestWorker"/>. The channel serves one call at a time, in arrival order, so
/// this class keeps the state of the file in progress without locks.
/// </summary>
/// <param name="crashAfterBytes">
/// Kill this process when more than this many content bytes have arrived (negative: never). This is how
/// <c>--crash-once</c> stages a worker dying in the middle of a run.
/// </param>
internal sealed class DigestWorker(long crashAfterBytes) : IDigestWorker, IDisposable
{
    private const long NoFile = -1;

    private readonly DigestBuilder _builder = new();
    private byte[]? _chunk;
    private long _fileId = NoFile;
    private long _bytesReceived;

    public void Ready()
    {
    }

    public DigestRecord DigestWhole(long fileId, ReadOnlySpan<byte> content)
    {
        Received(content.Length);
        _builder.Reset();
        _fileId = NoFile;
        _builder.Append(content);
        return _builder.Finish(fileId);
    }

    public void Begin(long fileId)
    {
        _builder.Reset();
        _fileId = fileId;
    }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        RequireFile();
        Received(chunk.Length);
        _builder.Append(chunk);
    }

    public DigestRecord Finish()
    {
        RequireFile();
        DigestRecord record = _builder.Finish(_fileId);
        _fileId = NoFile;
        return record;
    }

    public DigestRecord DigestFile(long fileId, SafeFileHandle file)
    {
        // The channel gave this method its own copy of the descriptor: it owns it, and closes it here.
        using (file)
        {
            _builder.Reset();
            _fileId = NoFile;
            byte[] chunk = _chunk ??= new byte[Supervisor.ChunkSize];
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(file, chunk, offset)) > 0)
            {
                Received(read);
                _builder.Append(chunk.AsSpan(0, read));
                offset += read;
            }

            return _builder.Finish(fileId);
        }
    }

    public void Dispose() => _builder.Dispose();

    private void RequireFile()
    {
        if (_fileId == NoFile)
        {
            // Travels back to the supervisor as a ChannelRemoteException.
            throw new InvalidOperationException("No file was begun.");
        }
    }

    private void Received(int byteCount)
    {
        _bytesReceived += byteCount;
        if (crashAfterBytes >= 0 && _bytesReceived > crashAfterBytes)
        {
            // SIGKILL, the way the kernel's OOM killer ends a process: no reply, no cleanup, the call in flight
            // just loses its peer. (Environment.FailFast would do as well, but it prints a stack trace on the
            // terminal the supervisor is drawing on.)
            Process.GetCurrentProcess().Kill();
        }
    }
}
