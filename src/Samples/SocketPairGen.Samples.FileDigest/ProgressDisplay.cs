using System.Diagnostics;
using System.Text;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>
/// Shows how far a run is. On a terminal: one bar, redrawn in place at most ten times a second. When the output
/// is redirected (a log, a pipe, a test): a plain line at every tenth of the way, so the log stays short.
/// </summary>
internal sealed class ProgressDisplay(int totalFiles, long totalBytes)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly bool _onTerminal = !Console.IsOutputRedirected;
    private long _lastDrawTimestamp;
    private string _drawnLine = "";
    private int _tenthsReported;

    /// <param name="results">The files done so far.</param>
    /// <param name="bytesInFlight">What has been sent of the file in progress (a large file moves the bar by itself).</param>
    public void Update(RunResults results, long bytesInFlight = 0)
    {
        double fraction = Fraction(results, bytesInFlight);
        if (_onTerminal)
        {
            bool due = Stopwatch.GetElapsedTime(_lastDrawTimestamp) >= RedrawInterval || results.FilesDone == totalFiles;
            if (due)
            {
                Draw(BarLine(results, fraction, bytesInFlight));
            }
        }
        else
        {
            // The last line, 100 %, is for when every file is done, not when the last one is all sent.
            int tenths = results.FilesDone == totalFiles ? 10 : Math.Min((int)(fraction * 10), 9);
            if (tenths > _tenthsReported)
            {
                _tenthsReported = tenths;
                Console.WriteLine(PlainLine(results, fraction, bytesInFlight));
            }
        }
    }

    /// <summary>Prints a line of its own (a worker restart) without tearing the bar.</summary>
    public void Announce(string message)
    {
        if (_onTerminal && _drawnLine.Length > 0)
        {
            Console.Write('\r' + new string(' ', _drawnLine.Length) + '\r');
            _drawnLine = "";
            _lastDrawTimestamp = 0; // redraw the bar at the next update
        }

        Console.WriteLine(message);
    }

    /// <summary>Draws the final state and leaves the cursor on a fresh line.</summary>
    public void Complete(RunResults results)
    {
        if (_onTerminal)
        {
            Draw(BarLine(results, Fraction(results)));
            Console.WriteLine();
            _drawnLine = "";
        }
        else if (_tenthsReported < 10 || totalFiles == 0)
        {
            // The run stopped early, or there was nothing to do: say where it ended.
            Console.WriteLine(PlainLine(results, Fraction(results)));
        }
    }

    /// <summary>By bytes when there are any (one big file is most of the work), else by files.</summary>
    private double Fraction(RunResults results, long bytesInFlight = 0)
    {
        double fraction = totalBytes > 0
            ? (double)(results.BytesDigested + bytesInFlight) / totalBytes
            : totalFiles > 0 ? (double)results.FilesDone / totalFiles : 1;
        if (results.FilesDone == totalFiles)
        {
            fraction = 1; // skipped files never add bytes, and files may have changed size since the walk
        }

        return Math.Clamp(fraction, 0, 1);
    }

    private void Draw(string line)
    {
        // A line as wide as the terminal wraps, and '\r' then returns to the start of its last row only.
        int width = TerminalWidth();
        if (line.Length >= width)
        {
            line = line[..(width - 1)].TrimEnd();
        }

        if (line != _drawnLine)
        {
            // Pad over what the previous, possibly longer, line left behind.
            string padding = line.Length < _drawnLine.Length ? new string(' ', _drawnLine.Length - line.Length) : "";
            Console.Write('\r' + line + padding);
            _drawnLine = line;
        }

        _lastDrawTimestamp = Stopwatch.GetTimestamp();
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 10 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private string BarLine(RunResults results, double fraction, long bytesInFlight = 0)
    {
        int filled = (int)Math.Round(fraction * BarWidth);
        var line = new StringBuilder();
        line.Append('[').Append('█', filled).Append('░', BarWidth - filled).Append("] ");
        line.Append(Counts(results, fraction, bytesInFlight));
        return line.ToString();
    }

    private string PlainLine(RunResults results, double fraction, long bytesInFlight = 0) =>
        "progress " + Counts(results, fraction, bytesInFlight);

    private string Counts(RunResults results, double fraction, long bytesInFlight) =>
        $"{fraction * 100,3:F0} %  {results.FilesDone}/{totalFiles} files  {Units.Megabytes(results.BytesDigested + bytesInFlight, totalBytes)}  restarts {results.Restarts}";
}
