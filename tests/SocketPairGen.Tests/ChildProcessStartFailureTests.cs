namespace SocketPairGen.Tests;

// The descriptor-leak halves of these scenarios live in DescriptorCountTests, which run alone.
public class ChildProcessStartFailureTests
{
    [Fact]
    public void Start_MissingPath_ThrowsFileNotFoundNamingFileAndErrno()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => ChildProcess.Start("/nonexistent-socketpairgen/program", []));

        Assert.Equal("/nonexistent-socketpairgen/program", exception.FileName);
        Assert.Contains("/nonexistent-socketpairgen/program", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ENOENT", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_NameNotInPath_ThrowsFileNotFoundNamingFileAndErrno()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => ChildProcess.Start("socketpairgen-no-such-program", []));

        Assert.Equal("socketpairgen-no-such-program", exception.FileName);
        Assert.Contains("'socketpairgen-no-such-program'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("PATH", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ENOENT", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_MissingWorkingDirectory_ThrowsDirectoryNotFound()
    {
        var options = new ChildProcessOptions { WorkingDirectory = "/nonexistent-socketpairgen/dir" };

        var exception = Assert.Throws<DirectoryNotFoundException>(() => ChildProcess.Start("/bin/true", [], options));

        Assert.Contains("/nonexistent-socketpairgen/dir", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_Directory_ThrowsIOExceptionNamingErrno()
    {
        var exception = Assert.Throws<IOException>(() => ChildProcess.Start("/tmp", []));

        Assert.Contains("'/tmp'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("EACCES", exception.Message, StringComparison.Ordinal);
    }
}
