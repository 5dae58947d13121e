using System.Globalization;
using SocketPairGen;

namespace SocketPairGen.Samples.FileDigest;

/// <summary>The worker mode: serve <see cref="IDigestWorker"/> on the inherited socket until the supervisor closes it.</summary>
internal static class Worker
{
    /// <summary>The hidden first argument that selects this mode.</summary>
    public const string ModeArgument = "--worker";

    /// <summary>A worker argument: crash once more than this many content bytes have arrived.</summary>
    public const string CrashAfterBytesArgument = "--crash-after-bytes";

    /// <param name="arguments">The arguments after <see cref="ModeArgument"/>.</param>
    public static async Task<int> RunAsync(string[] arguments)
    {
        long crashAfterBytes = arguments is [CrashAfterBytesArgument, var text]
            ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : -1;

        using var implementation = new DigestWorker(crashAfterBytes);
        try
        {
            // Completes when the supervisor disposes its client: that is the normal way for a worker to end.
            await IDigestWorker.ServeAsync(ChildProcess.OpenInheritedSocket(), implementation).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            // Started by hand rather than by the supervisor: there is no inherited socket to serve.
            await Console.Error.WriteLineAsync($"{ModeArgument} is for the supervisor's own use: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ChannelProtocolException ex)
        {
            await Console.Error.WriteLineAsync($"digest worker {Environment.ProcessId}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
