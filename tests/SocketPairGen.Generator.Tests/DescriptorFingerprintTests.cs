using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SocketPairGen.Generator.Model;
using static SocketPairGen.Generator.Tests.FingerprintTests;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Handles in the fingerprint: their kind, nullability and declared maxima are in it, and a channel end brings the
/// fingerprint of the contract it carries, so a change to that contract changes the carrier's too; contracts that
/// carry themselves or each other get fingerprints without looping.
/// </summary>
public class DescriptorFingerprintTests
{
    private const string Baseline = """
        using System.Net.Sockets;
        using Microsoft.Win32.SafeHandles;
        using SocketPairGen;

        namespace Prints;

        [SocketPairChannel]
        public partial interface IWorker
        {
            long Measure(SafeFileHandle file);

            int Scan([MaxDescriptors(8)] SafeFileHandle[] files);

            ChannelEnd<ISession> Start(Socket? log);
        }

        [SocketPairChannel]
        public partial interface ISession
        {
            int Step(int value);
        }
        """;

    public static TheoryData<string, string, string> WireChanges => new()
    {
        { "HandleKindChanged", "long Measure(SafeFileHandle file);", "long Measure(Socket file);" },
        { "HandleMadeNullable", "long Measure(SafeFileHandle file);", "long Measure(SafeFileHandle? file);" },
        { "SocketMadeSocketHandle", "Start(Socket? log);", "Start(SafeSocketHandle? log);" },
        { "ArrayMaximumChanged", "[MaxDescriptors(8)]", "[MaxDescriptors(9)]" },
        { "ArrayMadeNullable", "SafeFileHandle[] files", "SafeFileHandle[]? files" },
        { "ArrayElementsMadeNullable", "SafeFileHandle[] files", "SafeFileHandle?[] files" },
        { "CarriedContractMethodAdded", "int Step(int value);", "int Step(int value);\n    void Stop();" },
        { "CarriedContractParameterChanged", "int Step(int value);", "int Step(long value);" },
        { "CarriedContractRenamed", "ISession", "IConversation" },
    };

    [Theory]
    [MemberData(nameof(WireChanges))]
    public void WireChange_ChangesTheCarriersFingerprint(string scenario, string oldText, string newText)
    {
        Assert.NotEqual(WorkerFingerprint(Baseline), WorkerFingerprint(Edit(Baseline, oldText, newText)));
        _ = scenario; // names the row in the test list
    }

    [Fact]
    public void CarriedContractParameterRenamed_KeepsTheCarriersFingerprint()
    {
        Assert.Equal(WorkerFingerprint(Baseline), WorkerFingerprint(Edit(Baseline, "int Step(int value);", "int Step(int amount);")));
    }

    [Fact]
    public void CanonicalText_SpellsOutHandlesAndTheCarriedContractsFingerprint()
    {
        ContractSpec[] specs = Specs(Baseline);
        ContractSpec session = specs.Single(s => s.Name == "ISession");
        string text = CanonicalText(specs.Single(s => s.Name == "IWorker"));

        Assert.Equal(
            $"""
            socketpairgen-contract 1
            contract Prints.IWorker
            method 0 Measure(fd(file)) -> i64
            method 1 Scan(fds(fd(file),8)) -> i32
            method 2 Start(fd(socket)?) -> channel({session.FingerprintUpper:x16}{session.FingerprintLower:x16})

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
        CanonicalGrammar.Check(text);
    }

    [Fact]
    public void AContractThatCarriesItself_NamesItselfAsACycle()
    {
        ContractSpec spec = Assert.Single(Specs("""
            using SocketPairGen;
            namespace Loops;
            [SocketPairChannel]
            public partial interface ITree
            {
                ChannelEnd<ITree> Branch(ChannelEnd<ITree>? parent);
            }
            """));

        string text = CanonicalText(spec);
        Assert.Contains("method 0 Branch(channel(cycle:Loops.ITree)?) -> channel(cycle:Loops.ITree)", text, StringComparison.Ordinal);
        CanonicalGrammar.Check(text);
    }

    [Fact]
    public void ContractsThatCarryEachOther_BothGenerate_AndEachCoversTheOther()
    {
        const string Pair = """
            using SocketPairGen;
            namespace Loops;
            [SocketPairChannel]
            public partial interface IPing { ChannelEnd<IPong> Ping(int n); }
            [SocketPairChannel]
            public partial interface IPong { ChannelEnd<IPing> Pong(int n); }
            """;
        ContractSpec[] specs = Specs(Pair);
        Assert.Equal(2, specs.Length);
        string ping = CanonicalText(specs.Single(s => s.Name == "IPing"));
        Assert.Matches("Ping\\(i32\\) -> channel\\([0-9a-f]{32}\\)", ping);
        CanonicalGrammar.Check(ping);
        CanonicalGrammar.Check(CanonicalText(specs.Single(s => s.Name == "IPong")));

        // A change to either changes both.
        ContractSpec[] changed = Specs(Pair.Replace("Pong(int n)", "Pong(long n)", StringComparison.Ordinal));
        Assert.NotEqual(Print(specs, "IPing"), Print(changed, "IPing"));
        Assert.NotEqual(Print(specs, "IPong"), Print(changed, "IPong"));
    }

    [Fact]
    public void TenContractsThatAllCarryEachOther_AreFingerprintedWithoutWalkingEveryPath()
    {
        // Each carried contract is fingerprinted with the contracts being fingerprinted above it named as cycles, so
        // walking the carried contracts path by path costs a factorial of their number (9 took a minute, 10 would take
        // ten); what a carried contract's fingerprint says depends only on which contracts it can reach are above it.
        var source = new System.Text.StringBuilder("using SocketPairGen;\nnamespace Mesh;\n");
        for (int i = 0; i < 10; i++)
        {
            source.Append($"[SocketPairChannel]\npublic partial interface I{i}\n{{\n");
            for (int j = 0; j < 10; j++)
            {
                source.Append($"    ChannelEnd<I{j}> To{j}(ChannelEnd<I{j}>? from);\n");
            }

            source.Append("}\n");
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(source.ToString()), deadline.Token);

        Assert.Equal(10, driver.GetRunResult().GeneratedTrees.Length);
    }

    [Fact]
    public void CarriedContractFromAReferencedAssembly_GeneratesTheCarrier_WithTheFingerprintItHasInSource()
    {
        // The usual layout: contracts in a library of their own. Seen from metadata, the carried contract holds what
        // the generator declared on it (Client, Connect, ServeAsync), which is not the contract's.
        const string Session = """
            using SocketPairGen;
            namespace Lib;
            [SocketPairChannel]
            public partial interface ISession { int Step(int value); }
            """;
        const string Worker = """
            using SocketPairGen;
            namespace App;
            [SocketPairChannel]
            public partial interface IWorker { ChannelEnd<Lib.ISession> Start(int user); }
            """;
        GeneratorRun library = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Session)).AssertCompilesCleanly();
        byte[] image = EmittedAssemblies.Emit(library.Output
            .WithAssemblyName("Lib")
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Worker).AddReferences(MetadataReference.CreateFromImage(image)));

        run.AssertCompilesCleanly();
        ContractSpec worker = Assert.Single(run.Specs);
        ContractSpec[] fromSource = [.. GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Session, Worker)).Specs];
        Assert.Equal(Print(fromSource, "IWorker"), (worker.FingerprintUpper, worker.FingerprintLower));
    }

    private static ContractSpec[] Specs(string source) => [.. GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source)).Specs];

    private static (ulong, ulong) Print(ContractSpec[] specs, string name) =>
        specs.Single(s => s.Name == name) is var spec ? (spec.FingerprintUpper, spec.FingerprintLower) : default;

    private static (ulong, ulong) WorkerFingerprint(string source) => Print(Specs(source), "IWorker");
}
