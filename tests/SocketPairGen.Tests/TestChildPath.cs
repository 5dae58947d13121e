namespace SocketPairGen.Tests;

/// <summary>Where the child program of these tests lives: its apphost is copied next to the test assembly.</summary>
internal static class TestChildPath
{
    public static string Value { get; } = Path.Combine(AppContext.BaseDirectory, "SocketPairGen.TestChild");
}
