using System.Globalization;

namespace SocketPairGen.Tests;

/// <summary>
/// A parent whose descriptor 0, 1 or 2 is closed: whatever it creates next (the socket pair ChildProcess.Start makes,
/// a file) lands on that number. The child must still start with exactly its three standard streams and its end of
/// the pair, each the intended one. The parent here is the TestChild in closed-std mode; it reports the table of
/// the grandchild it starts.
/// </summary>
public class ClosedStandardDescriptorTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("1,2")] // both ends of the pair land on standard numbers, the child's end on 2
    [InlineData("0,1,2")]
    public void Start_ParentStandardDescriptorClosedAndPairLandsThere_ChildGetsDevNullThere(string closed)
    {
        Report report = Run(closed, "pair");

        AssertTable(report, closed, expectedFiles: []);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    public void Start_ParentStandardDescriptorClosedAndFileLandsThere_ChildGetsDevNullNotTheFile(string closed)
    {
        Report report = Run(closed, "file");

        Assert.Contains(report.Landed.Values, target => target.Contains("spg-closed-std-", StringComparison.Ordinal)); // the premise
        AssertTable(report, closed, expectedFiles: []);
    }

    [Fact]
    public void Start_FileOnClosedStdoutPassedAsStandardError_ReachesDescriptorTwoWhileOneGetsDevNull()
    {
        Report report = Run("1", "file-as-stderr");

        string file = Assert.Single(report.Landed).Value; // on fd 1
        AssertTable(report, "1", expectedFiles: new() { [2] = file });
    }

    [Fact]
    public void Start_TwoFilesOnClosedNumbersPassedCrosswise_EachReachesItsStream()
    {
        Report report = Run("1,2", "swap");

        Assert.Equal([1, 2], report.Landed.Keys.Order());
        AssertTable(report, "1,2", expectedFiles: new() { [1] = report.Landed[2], [2] = report.Landed[1] });
    }

    private static Report Run(string closed, string landing)
    {
        using ChildProcess middle = ChildProcess.Start(TestChildPath.Value, ["closed-std", closed, landing]);
        string output = SocketText.ReadToEnd(middle.Socket);
        Assert.DoesNotContain("error ", output, StringComparison.Ordinal);
        return new Report(output);
    }

    /// <summary>
    /// The grandchild holds exactly 0, 1, 2 and 3: 3 a socket none of the parent's, each closed standard number
    /// /dev/null unless a file was meant for it, the others the parent's own.
    /// </summary>
    private static void AssertTable(Report report, string closed, Dictionary<int, string> expectedFiles)
    {
        int[] closedNumbers = closed.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        string diagnostics = "\n" + report.Text;

        Assert.True(report.GrandchildComplete, "the grandchild's table never settled on 0, 1, 2, 3:" + diagnostics);
        Assert.Equal([0, 1, 2, 3], report.Grandchild.Keys.Order());
        for (int fd = 0; fd <= 2; fd++)
        {
            string expected = expectedFiles.TryGetValue(fd, out string? file) ? file
                : closedNumbers.Contains(fd) || !report.Before.ContainsKey(fd) ? "/dev/null"
                : report.Before[fd];
            Assert.True(expected == report.Grandchild[fd].Target, $"fd {fd}: expected {expected}, got {report.Grandchild[fd].Target}:{diagnostics}");
        }

        long? socket = Descriptors.ParseSocketInode(report.Grandchild[3].Target);
        Assert.True(socket is not null, "fd 3 is not a socket:" + diagnostics);

        // The parent kept no copy of the child's end, and of each file only the caller's own handle.
        Assert.True(!report.After.ContainsValue(report.Grandchild[3].Target), "the parent still holds the child's end:" + diagnostics);
        foreach (string file in report.Landed.Values)
        {
            Assert.True(report.After.Values.Count(target => target == file) == 1, $"the parent holds {file} more than once:{diagnostics}");
        }
        foreach ((int fd, (string target, int flags)) in report.Grandchild)
        {
            // Nothing the child got is close-on-exec: it holds the copies exec let through, and only those.
            Assert.True((flags & Descriptors.CloseOnExecFlag) == 0, $"fd {fd} ({target}) is close-on-exec in the child:{diagnostics}");
        }
    }

    private sealed class Report
    {
        public Report(string text)
        {
            Text = text;
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ', 3);
                switch (parts[0])
                {
                    case "before":
                        Before[Fd(parts[1])] = parts[2];
                        break;
                    case "landed":
                        Landed[Fd(parts[1])] = parts[2];
                        break;
                    case "after":
                        After[Fd(parts[1])] = parts[2];
                        break;
                    case "grandchild":
                        // "grandchild N target flags": the target may hold spaces, the octal flags never do.
                        int space = parts[2].LastIndexOf(' ');
                        string flags = parts[2][(space + 1)..];
                        Grandchild[Fd(parts[1])] = (parts[2][..space], flags == "?" ? 0 : Convert.ToInt32(flags, 8));
                        break;
                    case "grandchild-complete":
                        GrandchildComplete = parts[1] == "yes";
                        break;
                }
            }
        }

        public string Text { get; }

        public Dictionary<int, string> Before { get; } = [];

        public Dictionary<int, string> Landed { get; } = [];

        public Dictionary<int, string> After { get; } = [];

        public Dictionary<int, (string Target, int Flags)> Grandchild { get; } = [];

        public bool GrandchildComplete { get; private set; }

        private static int Fd(string text) => int.Parse(text, CultureInfo.InvariantCulture);
    }
}
