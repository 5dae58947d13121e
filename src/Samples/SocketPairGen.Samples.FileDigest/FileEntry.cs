namespace SocketPairGen.Samples.FileDigest;

/// <summary>A file to digest, as the walk found it.</summary>
/// <param name="FullPath">Where to open it.</param>
/// <param name="RelativePath">How to show it: relative to the folder being digested.</param>
/// <param name="Length">Its size when the walk saw it (for the progress display; the digest reads what is there).</param>
internal sealed record FileEntry(string FullPath, string RelativePath, long Length);
