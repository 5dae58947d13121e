using SocketPairGen.Fuzzing.Targets;

namespace SocketPairGen.Fuzzing.Replay;

/// <summary>
/// Inputs the fuzzers found, kept as files in <c>Findings/TARGET/</c> (copied next to the program): each one failed
/// when it was added and is replayed by CI until the bug it shows is fixed, and afterwards as a regression test.
/// </summary>
internal static class FindingsCorpus
{
    public static string Folder(string target) => Path.Combine(AppContext.BaseDirectory, "Findings", target);

    public static IReadOnlyList<FuzzInput> Load(string target) => LoadFolder(Folder(target), "findings/");

    public static IReadOnlyList<FuzzInput> LoadFolder(string folder, string prefix = "") =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => new FuzzInput(prefix + Path.GetFileName(f), File.ReadAllBytes(f)))]
            : [];
}
