using System.Diagnostics;
using System.Globalization;
using SocketPairGen;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// Hands files to a worker process one by one and keeps going when the worker dies: the dead worker and its
/// client are disposed, a new worker starts, and the file that was in flight is sent again from its start.
/// </summary>
internal sealed class Supervisor(SelfCommand self, ProgressDisplay progress)
{
    /// <summary>Files larger than this stream in chunks of this size; smaller ones go in one call.</summary>
    public const int ChunkSize = 256 * 1024;

    /// <summary>A file that kills this many workers in a row is not a crash to ride out but a worker bug.</summary>
    public const int MaxAttemptsPerFile = 3;

    private readonly byte[] _chunk = new byte[ChunkSize];
    private RunResults _results = null!;
    private WorkerProcess? _worker;
    private int _workersStarted;

    /// <summary>Arguments for the next worker started: the staged crash goes to the first worker only.</summary>
    private string[] _nextWorkerArguments = [];

    /// <param name="walk">The files to digest.</param>
    /// <param name="crashOnce">Make the first worker die on purpose halfway through the bytes.</param>
    /// <param name="passDescriptors">Pass each open file to the worker rather than its contents.</param>
    public RunResults Run(FolderWalk walk, bool crashOnce, bool passDescriptors = false)
    {
        _results = new RunResults(walk.Files, walk.Skipped) { PassDescriptors = passDescriptors };
        if (crashOnce)
        {
            string halfway = (walk.TotalBytes / 2).ToString(CultureInfo.InvariantCulture);
            _nextWorkerArguments = [Worker.CrashAfterBytesArgument, halfway];
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            for (int index = 0; index < walk.Files.Count && _results.Failure is null; index++)
            {
                DigestWithRestarts(index);
                progress.Update(_results);
            }
        }
        finally
        {
            _worker?.Dispose();
            _worker = null;
        }

        _results.Elapsed = Stopwatch.GetElapsedTime(start);
        progress.Complete(_results);
        return _results;
    }

    private void DigestWithRestarts(int index)
    {
        FileEntry file = _results.Files[index];
        for (int attempt = 1; ; attempt++)
        {
            WorkerProcess? worker = _worker ??= TryStartWorker();
            if (worker is null)
            {
                return;
            }

            try
            {
                using FileStream? content = RegularFile.TryOpen(file.FullPath);
                if (content is null)
                {
                    _results.AddUnreadable(index);
                }
                else
                {
                    _results.AddDigest(index, Digest(worker.Client, content, index));
                }

                return;
            }
            catch (ChannelException ex)
            {
                // Whatever broke, this worker is done with: dispose it (which waits until it has exited and been
                // reaped) so that its exit code can be told, and so that nothing of it outlives the failure.
                _worker = null;
                worker.Dispose();
                string what = Describe(worker, ex, file);
                if (attempt == MaxAttemptsPerFile)
                {
                    _results.Failure = $"{what}; giving up after {attempt} workers failed on this file";
                    return;
                }

                progress.Announce($"{what}; restarting");
            }
            catch (IOException)
            {
                // Reading the file failed midway (it is not the channel: ChannelException was caught above).
                // The worker may hold a half-digested file; its next Begin or DigestWhole drops it.
                _results.AddUnreadable(index);
                return;
            }
        }
    }

    /// <summary>A new worker, or null (and the run's failure set) when none can be started.</summary>
    private WorkerProcess? TryStartWorker()
    {
        WorkerProcess worker;
        try
        {
            worker = WorkerProcess.Start(self, _nextWorkerArguments);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // ChannelException is an IOException: a worker that started but never answered lands here too.
            _results.Failure = $"cannot start a worker ({self.FileName}): {ex.Message}";
            return null;
        }

        _results.AddWorkerStartup(worker.Startup);

        _nextWorkerArguments = [];
        if (_workersStarted++ > 0)
        {
            _results.Restarts++;
        }

        return worker;
    }

    /// <summary>Sends the file's content (at most its length when opened) and returns the worker's digest of it.</summary>
    private DigestRecord Digest(IDigestWorker.Client worker, FileStream content, int fileId)
    {
        long length = content.Length;
        DigestRecord record;
        long start;
        if (_results.PassDescriptors)
        {
            // The worker gets its own copy of the descriptor (ours stays open until the using above ends) and reads
            // the file itself: one call, and no byte of it crosses the socket.
            start = Stopwatch.GetTimestamp();
            record = worker.DigestFile(fileId, content.SafeFileHandle);
            RecordLatency(start);
        }
        else if (length <= ChunkSize)
        {
            int read = RegularFile.ReadUpTo(content, _chunk.AsSpan(0, (int)length));
            start = Stopwatch.GetTimestamp();
            record = worker.DigestWhole(fileId, _chunk.AsSpan(0, read));
            RecordLatency(start);
        }
        else
        {
            start = Stopwatch.GetTimestamp();
            worker.Begin(fileId);
            RecordLatency(start);
            for (long remaining = length; remaining > 0;)
            {
                int read = RegularFile.ReadUpTo(content, _chunk.AsSpan(0, (int)Math.Min(ChunkSize, remaining)));
                if (read == 0)
                {
                    break; // the file shrank since it was opened
                }

                start = Stopwatch.GetTimestamp();
                worker.Append(_chunk.AsSpan(0, read));
                RecordLatency(start);
                remaining -= read;
                progress.Update(_results, bytesInFlight: length - remaining);
            }

            start = Stopwatch.GetTimestamp();
            record = worker.Finish();
            RecordLatency(start);
        }

        if (record.FileId != fileId)
        {
            throw new InvalidDataException($"Asked for the digest of file {fileId}, the worker answered for file {record.FileId}.");
        }

        return record;
    }

    private void RecordLatency(long startTimestamp) =>
        _results.CallLatencies.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);

    private static string Describe(WorkerProcess worker, ChannelException error, FileEntry file) => error switch
    {
        ChannelRemoteException remote =>
            $"worker {worker.Id} failed while digesting {file.RelativePath} ({remote.RemoteTypeName}: {remote.RemoteMessage})",
        ChannelProtocolException protocol =>
            $"worker {worker.Id} broke the protocol while digesting {file.RelativePath} ({protocol.Message})",
        _ => $"worker {worker.Id} died ({worker.DescribeExit()}) while digesting {file.RelativePath}",
    };
}
