namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// <c>--verify</c>: digests every file again in the supervisor and compares with what the workers answered, so a
/// test can prove that a worker's death lost or corrupted no result.
/// </summary>
internal static class Verifier
{
    private const int ProblemsShown = 10;

    /// <returns>Whether every file not skipped has a record, and every record matches the file.</returns>
    public static bool Verify(RunResults results)
    {
        var problems = new List<string>();
        int expected = 0;
        int verified = 0;
        byte[] chunk = new byte[Supervisor.ChunkSize];
        using var builder = new DigestBuilder();
        for (int index = 0; index < results.Files.Count; index++)
        {
            FileEntry file = results.Files[index];
            if (results.Unreadable[index])
            {
                continue;
            }

            expected++;
            if (results.Records[index] is not DigestRecord reported)
            {
                problems.Add($"{file.RelativePath}: no digest");
                continue;
            }

            using FileStream? content = RegularFile.TryOpen(file.FullPath);
            if (content is null)
            {
                problems.Add($"{file.RelativePath}: cannot be read again");
                continue;
            }

            DigestRecord actual;
            try
            {
                actual = Digest(content, chunk, builder);
            }
            catch (IOException ex)
            {
                problems.Add($"{file.RelativePath}: cannot be read again ({ex.Message})");
                continue;
            }

            if (DigestRecord.SameContent(ref reported, ref actual))
            {
                verified++;
            }
            else
            {
                problems.Add($"{file.RelativePath}: the worker said {Convert.ToHexStringLower(reported.Hash)}, {reported.ByteCount} bytes; " +
                    $"the file has {Convert.ToHexStringLower(actual.Hash)}, {actual.ByteCount} bytes");
            }
        }

        foreach (string problem in problems.Take(ProblemsShown))
        {
            Console.WriteLine($"MISMATCH {problem}");
        }

        if (problems.Count > ProblemsShown)
        {
            Console.WriteLine($"... and {problems.Count - ProblemsShown} more");
        }

        Console.WriteLine($"verified {verified} of {expected} digests");
        return verified == expected;
    }

    /// <summary>Reads the file the way the supervisor sends it: at most its length when opened, in chunks.</summary>
    private static DigestRecord Digest(FileStream content, byte[] chunk, DigestBuilder builder)
    {
        builder.Reset();
        for (long remaining = content.Length; remaining > 0;)
        {
            int read = RegularFile.ReadUpTo(content, chunk.AsSpan(0, (int)Math.Min(chunk.Length, remaining)));
            if (read == 0)
            {
                break;
            }

            builder.Append(chunk.AsSpan(0, read));
            remaining -= read;
        }

        return builder.Finish(fileId: 0);
    }
}
