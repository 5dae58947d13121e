using System.Globalization;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>Numbers as the output shows them: invariant culture, decimal megabytes (as MB/s is).</summary>
internal static class Units
{
    private const double BytesPerMegabyte = 1_000_000;

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / BytesPerMegabyte).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>"0.7/1.4 MB".</summary>
    public static string Megabytes(long bytes, long totalBytes) =>
        (bytes / BytesPerMegabyte).ToString("0.0", CultureInfo.InvariantCulture) + "/" + Megabytes(totalBytes);

    public static string MegabytesPerSecond(long bytes, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero
            ? (bytes / BytesPerMegabyte / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)
            : "-";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
