using System.Globalization;
using System.Text;

namespace SocketPairGen.Generator.Tests.Cost;

/// <summary>
/// The sources of the project the generator's compile cost is measured on: <see cref="ContractCount"/> contracts of
/// <see cref="MethodsPerContract"/> methods each, over a mix of what contracts carry (unmanaged values, bool, enums,
/// strings, arrays, memories and spans, nullables, tuples, user structs with validated fields; synchronous, void,
/// Task, ValueTask, their results, cancellation tokens, <c>in</c> parameters). Each contract rotates the same twenty
/// signatures, so contracts differ in method order and every signature appears as often as every other.
/// </summary>
internal static class LargeConsumer
{
    public const int ContractCount = 200;
    public const int MethodsPerContract = 20;

    /// <summary>The user types the contracts share (structs and enums the generator writes codecs for).</summary>
    public const string SharedTypes = """
        using System;

        namespace Large;

        public enum Status : byte { Idle, Busy, Done = 9 }

        public enum Level { Trace, Debug, Info, Warning, Error }

        [Flags]
        public enum Options { None = 0, Fast = 1, Safe = 2, Verbose = 4 }

        public struct Vec { public double X; public double Y; public double Z; }

        public struct Record { public byte Kind; public long Id; public bool Active; public Status Status; public decimal Amount; }

        public readonly record struct Span2(int Start, int Length);

        public struct Sample { public DateTime Taken; public int? Reading; public Level Level; }
        """;

    /// <summary>Twenty signatures; <c>{0}</c> makes each name unique in its contract.</summary>
    public static readonly string[] Signatures =
    [
        "int Add{0}(int a, int b);",
        "long Sum{0}(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);",
        "string Echo{0}(string text);",
        "string? Find{0}(string? key, Options options);",
        "byte[] Read{0}(long offset, int count);",
        "Vec Scale{0}(Vec value, double factor);",
        "Record Update{0}(in Record record, Status status);",
        "Span2 Shift{0}(Span2 span, int by);",
        "void Log{0}(string message, DateTime when, Level level);",
        "bool Check{0}(Guid id, TimeSpan timeout, bool strict);",
        "Task Start{0}Async(int id, string name);",
        "Task<int> Run{0}Async(int id, CancellationToken cancellationToken);",
        "ValueTask Ping{0}Async();",
        "ValueTask<double> Measure{0}Async(double[] samples, CancellationToken cancellationToken);",
        "int? Maybe{0}(int? value, Status? status, Vec? origin);",
        "(int Count, bool Done) Stats{0}((int, long) range);",
        "Task<Vec[]> Normalize{0}Async(Vec[] vectors);",
        "ValueTask<Record[]> Batch{0}Async(ReadOnlyMemory<Record> records, CancellationToken cancellationToken);",
        "int Write{0}(ReadOnlySpan<byte> data, Status status);",
        "Task<Sample> Total{0}Async(decimal a, Sample[] samples, CancellationToken cancellationToken);",
    ];

    /// <summary>Every source file of the project: the shared types, then one file per contract.</summary>
    public static IEnumerable<(string Path, string Text)> Files(int contractCount = ContractCount)
    {
        yield return ("Shared.cs", SharedTypes);
        for (int i = 0; i < contractCount; i++)
        {
            yield return ($"Contract{i:D3}.cs", Contract(i));
        }
    }

    /// <summary>Contract number <paramref name="index"/>: <c>IService{index}</c>.</summary>
    public static string Contract(int index)
    {
        var text = new StringBuilder("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            namespace Large;

            """);
        text.Append("[SocketPairChannel]\npublic partial interface IService").Append(index.ToString(CultureInfo.InvariantCulture)).Append("\n{\n");
        for (int m = 0; m < MethodsPerContract; m++)
        {
            string signature = Signatures[(m + index) % Signatures.Length];
            text.Append("    ").Append(string.Format(CultureInfo.InvariantCulture, signature, m)).Append('\n');
        }

        return text.Append("}\n").ToString();
    }
}
