namespace SocketPairGen.Fuzzing.Harness;

/// <summary>What a target saw, printed when inputs are replayed one by one for triage (<c>replay TARGET --input FILE</c>).</summary>
internal static class TriageLog
{
    public static bool Enabled { get; set; }

    public static void Write(string line)
    {
        if (Enabled)
        {
            Console.WriteLine("  | " + line);
        }
    }
}
