using System.IO.Pipes;

namespace SocketPairGen.Tests.Conformance;

/// <summary>
/// Runs the conformance client (tests/conformance, copied next to this assembly) with python3 found on PATH. A
/// machine without python3 fails the tests that need it, with a message saying so: conformance is never skipped.
/// </summary>
internal static class PythonClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "conformance");

    public static string Script => Path.Combine(Directory, "client.py");

    /// <summary>The Python interpreter itself (<c>sys.executable</c>), found once through python3 on PATH: a launcher
    /// such as a pyenv shim costs most of a second per start.</summary>
    public static string Python => Interpreter.Value;

    private static readonly Lazy<string> Interpreter = new(FindInterpreter);

    private static string FindInterpreter()
    {
        string? launcher = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "python3"))
            .FirstOrDefault(File.Exists);
        if (launcher is null)
        {
            Assert.Fail("The conformance tests need python3 (3.10 or later) on PATH: they run the independent Python client of " +
                "WIRE-FORMAT.md in tests/conformance against a generated server. Install python3; these tests do not skip.");
        }

        var start = new System.Diagnostics.ProcessStartInfo(launcher, ["-c", "import sys; print(sys.executable) if sys.version_info >= (3, 10) else sys.exit(3)"])
        {
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        string executable = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && File.Exists(executable),
            $"{launcher} is not a usable Python 3.10 or later (exit code {process.ExitCode}); the conformance tests need one.");
        return executable;
    }

    /// <summary>Starts the client with <paramref name="arguments"/>; its stdout and stderr come back through <paramref name="output"/>.</summary>
    public static ChildProcess Start(IEnumerable<string> arguments, out StreamReader output)
    {
        Assert.True(File.Exists(Script), $"The conformance client is missing: {Script}.");
        var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var stream = ChildStandardStream.FromHandle(pipe.ClientSafePipeHandle);
        var options = new ChildProcessOptions
        {
            StandardOutput = stream,
            StandardError = stream,
            WorkingDirectory = Directory,
            Environment = { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONIOENCODING"] = "utf-8" },
        };
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(Python, [Script, .. arguments], options);
        }
        catch
        {
            pipe.Dispose();
            throw;
        }

        pipe.DisposeLocalCopyOfClientHandle();
        output = new StreamReader(pipe);
        return child;
    }

    /// <summary>Runs the client to its end without serving it (for <c>--list</c>); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using ChildProcess child = Start(arguments, out StreamReader output);
        using (output)
        {
            string text = await output.ReadToEndAsync().WaitAsync(Timeout);
            return (await child.WaitForExitAsync().WaitAsync(Timeout), text);
        }
    }
}
