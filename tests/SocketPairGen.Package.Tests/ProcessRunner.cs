using System.Diagnostics;

namespace SocketPairGen.Package.Tests;

/// <summary>What a finished process printed (standard output, then standard error) and how it exited.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>Runs a program as a child process with its output captured, and <c>dotnet</c> the way a developer does.</summary>
internal static class ProcessRunner
{
    /// <summary>The host: <c>DOTNET_HOST_PATH</c> (set by the SDK for the processes it starts), else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHostPath =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/>. No build server or MSBuild node outlives the command (they
    /// would hold the output pipes open, and keep files of the temporary folders in use).
    /// </summary>
    public static Task<ProcessResult> RunDotnetAsync(string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync(DotnetHostPath, [.. arguments, "-nologo", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            workingDirectory, timeout, environment);

    /// <summary>Runs <paramref name="fileName"/>; kills it and everything it started after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Under dotnet test the host carries MSBuild's variables: they would point a nested build at the parent's
        // MSBuild instead of letting the host resolve its own SDK.
        foreach (string name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync();
        Task<string> standardError = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            await Task.WhenAll(standardOutput, standardError).WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            string printed = await standardOutput.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "");
            throw new TimeoutException($"{Describe(fileName, startInfo.ArgumentList)} did not finish within {timeout}:{Environment.NewLine}{Tail(printed)}");
        }

        return new ProcessResult(process.ExitCode, await standardOutput + await standardError, stopwatch.Elapsed);
    }

    /// <summary>The command line, for messages.</summary>
    public static string Describe(string fileName, IEnumerable<string> arguments) => $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}";

    /// <summary>The end of a long output (a failure message stays readable).</summary>
    public static string Tail(string output, int characters = 20_000) =>
        output.Length <= characters ? output : "[...]" + output[^characters..];
}
