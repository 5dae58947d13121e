using System.Reflection;

namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// Compile-and-run for a contract written in a test: the source also holds a <c>public static string Run()</c> on
/// <c>App.Program</c> that serves the contract on one end of a real socket pair in this process, calls it through the
/// generated proxy on the other, and returns what came back as text. The generator runs, the output must compile
/// without a diagnostic, and the emitted assembly is loaded and <c>Run</c> called.
/// </summary>
internal static class RoundTrip
{
    /// <summary>What <c>App.Program.Run()</c> returned, with reflection's and type initializers' wrappers removed from
    /// an exception (which is rethrown).</summary>
    public static string Run(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source)).AssertCompilesCleanly();
        Assert.NotEmpty(run.Sources);
        byte[] image = EmittedAssemblies.Emit(run.Output);
        string? result = null;
        EmittedAssemblies.Run(
            app =>
            {
                MethodInfo entry = app.GetType("App.Program", throwOnError: true)!.GetMethod("Run")!;
                try
                {
                    result = (string)entry.Invoke(null, null)!;
                }
                catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
                }
            },
            image);
        return result!;
    }
}
