using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace SocketPairGen.Generator.Tests;

/// <summary>Runs alone, so its timings are not shared with other tests.</summary>
[CollectionDefinition(nameof(ScaleCollection), DisableParallelization = true)]
public sealed class ScaleCollection;

/// <summary>200 contracts of 20 methods: the figures go to the test output; the test asserts only that it all compiles.</summary>
[Collection(nameof(ScaleCollection))]
public class ScaleTests(ITestOutputHelper output)
{
    private const int ContractCount = 200;
    private const int MethodsPerContract = 20;

    private const string SharedTypes = """
        using System;

        namespace Scale;

        public enum Status : byte { Idle, Busy, Done = 9 }

        [Flags]
        public enum Options { None = 0, Fast = 1, Safe = 2 }

        public struct Vec { public double X; public double Y; public double Z; }

        public struct Record { public byte Kind; public long Id; public bool Active; public Status Status; public decimal Amount; }

        public readonly record struct Span2(int Start, int Length);
        """;

    /// <summary>Twenty signatures over the supported types; <c>{0}</c> makes each name unique in its contract.</summary>
    private static readonly string[] Signatures =
    [
        "int Add{0}(int a, int b);",
        "long Sum{0}(ReadOnlyMemory<byte> data);",
        "string Echo{0}(string text);",
        "string? Find{0}(string? key, Options options);",
        "byte[] Read{0}(int offset, int count);",
        "Vec Scale{0}(Vec value, double factor);",
        "Record Update{0}(in Record record, Status status);",
        "Span2 Shift{0}(Span2 span, int by);",
        "void Log{0}(string message, DateTime when);",
        "bool Check{0}(Guid id, TimeSpan timeout);",
        "Task Start{0}Async(int id);",
        "Task<int> Run{0}Async(int id, CancellationToken cancellationToken);",
        "ValueTask Ping{0}Async();",
        "ValueTask<double> Measure{0}Async(double[] samples, CancellationToken cancellationToken);",
        "int? Maybe{0}(int? value, Status? status);",
        "(int Count, bool Done) Stats{0}((int, long) range);",
        "Vec[] Normalize{0}(Vec[] vectors);",
        "Record[] Batch{0}(ReadOnlyMemory<Record> records);",
        "int Write{0}(ReadOnlySpan<byte> data, Status status);",
        "decimal Total{0}(decimal a, decimal b, CancellationToken cancellationToken);",
    ];

    [Fact]
    public void TwoHundredContracts_AllGenerateAndCompile()
    {
        List<(string Path, string Text)> sources = [("Shared.cs", SharedTypes)];
        for (int i = 0; i < ContractCount; i++)
        {
            sources.Add(($"Contract{i}.cs", Contract(i)));
        }

        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);

        var stopwatch = Stopwatch.StartNew();
        GeneratorRun first = GeneratorHarness.Run(compilation);
        TimeSpan firstRun = stopwatch.Elapsed;

        CSharpCompilation edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Scale; public static class Unrelated { public static int Answer => 42; }", "Unrelated.cs"));
        stopwatch.Restart();
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);
        TimeSpan incrementalRun = stopwatch.Elapsed;

        stopwatch.Restart();
        // Without the generator nothing is missing (nothing calls Connect); only the undocumented inputs' CS1591.
        int inputErrors = compilation.Clone().GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS1591");
        TimeSpan compileWithout = stopwatch.Elapsed;

        stopwatch.Restart();
        IReadOnlyList<Diagnostic> outputDiagnostics = GeneratorHarness.Visible(first.Output.GetDiagnostics()
            .Where(d => d.Id != "CS1591" || first.Sources.Any(s => s.SyntaxTree == d.Location.SourceTree)));
        TimeSpan compileWith = stopwatch.Elapsed;

        long generatedLines = first.Sources.Sum(s => (long)s.SourceText.Lines.Count);
        Report(
            $"{ContractCount} contracts x {MethodsPerContract} methods: {first.Sources.Length} files, {generatedLines:N0} generated lines",
            $"generator, first run:                     {firstRun.TotalMilliseconds,8:F0} ms",
            $"generator, after an unrelated file added: {incrementalRun.TotalMilliseconds,8:F0} ms",
            $"compilation diagnostics without output:   {compileWithout.TotalMilliseconds,8:F0} ms",
            $"compilation diagnostics with output:      {compileWith.TotalMilliseconds,8:F0} ms");

        Assert.Equal(ContractCount, first.Sources.Length);
        Assert.Equal(ContractCount, second.Sources.Length);
        IncrementalAssert.AllOutputs(second, IncrementalAssert.SourceOutput, IncrementalAssert.NotRegenerated);
        Assert.Null(first.Generator.Exception);
        Assert.Empty(first.GeneratorDiagnostics);
        Assert.True(outputDiagnostics.Count == 0, GeneratorHarness.Format(outputDiagnostics.Take(20)));
        Assert.Equal(0, inputErrors);
    }

    private static string Contract(int index)
    {
        var text = new StringBuilder("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            namespace Scale;

            """);
        text.Append("[SocketPairChannel]\npublic partial interface IService").Append(index.ToString(CultureInfo.InvariantCulture)).Append("\n{\n");
        for (int m = 0; m < MethodsPerContract; m++)
        {
            // Rotate the signatures so contracts differ in method order and naming.
            string signature = Signatures[(m + index) % Signatures.Length];
            text.Append("    ").Append(string.Format(CultureInfo.InvariantCulture, signature, m)).Append('\n');
        }

        return text.Append("}\n").ToString();
    }

    private void Report(params string[] lines)
    {
        foreach (string line in lines)
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        }
    }
}
