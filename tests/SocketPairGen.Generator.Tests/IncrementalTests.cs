using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static SocketPairGen.Generator.Tests.IncrementalAssert;

namespace SocketPairGen.Generator.Tests;

/// <summary>A second run after an edit does only the work the edit calls for (each tracked step's reason, by name). The
/// contract holds every kind of model the parser builds (a struct, an inline array, a tuple nested past seven elements,
/// handles, an array of handles and a channel end of itself), so a model that does not compare equal to itself shows as
/// work redone.</summary>
public class IncrementalTests
{
    private const string Contract = """
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;
        using Microsoft.Win32.SafeHandles;
        using SocketPairGen;

        namespace Incremental;

        public struct Sample
        {
            public byte Tag;
            public long Value;
        }

        [InlineArray(4)]
        public struct Four
        {
            private int _element;
        }

        // A comment in the contract file.
        [SocketPairChannel]
        public partial interface IService
        {
            int Add(int a, int b);

            Task<string> NameAsync(Sample sample);

            (int, int, int, int, int, int, int, int, bool) Spread(Four four, Sample[] samples);

            ChannelEnd<IService> Fork(SafeFileHandle? log, [MaxDescriptors(4)] SafeFileHandle[] files);
        }
        """;

    private const string Implementation = """
        using System.Threading.Tasks;

        namespace Incremental;

        public sealed class Service : IService
        {
            public int Add(int a, int b) => a + b;

            public Task<string> NameAsync(Sample sample) => Task.FromResult("sample");

            public (int, int, int, int, int, int, int, int, bool) Spread(Four four, Sample[] samples) =>
                (four[0], four[1], four[2], four[3], samples.Length, 0, 0, 0, true);

            public SocketPairGen.ChannelEnd<IService> Fork(Microsoft.Win32.SafeHandles.SafeFileHandle? log, Microsoft.Win32.SafeHandles.SafeFileHandle[] files) =>
                throw new System.NotSupportedException();
        }
        """;

    private const string SecondContract = """
        using SocketPairGen;

        namespace Incremental;

        [SocketPairChannel]
        public partial interface IOther
        {
            long Multiply(long a, long b);
        }
        """;

    [Fact]
    public void NothingChanged_EveryStepCachedOrUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract, Implementation);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        AssertNothingRegenerated(second);
        Assert.Equal(first.Sources.Single().SourceText.ToString(), second.Sources.Single().SourceText.ToString());
    }

    [Fact]
    public void UnrelatedFileAdded_DoesNotRegenerate()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract, Implementation);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(
            GeneratorHarness.Parse("namespace Incremental; public static class Unrelated { public static int Answer => 42; }", "Unrelated.cs")));

        AssertNothingRegenerated(second);
    }

    [Fact]
    public void ImplementationMethodBodyEdited_DoesNotRegenerate()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract, Implementation);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, Replace(compilation, "Source1.cs", "a + b", "checked(a + b)"));

        AssertNothingRegenerated(second);
    }

    [Fact]
    public void CommentInContractFileChanged_ParsesAgainButSpecUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract, Implementation);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, Replace(compilation, "Source0.cs", "// A comment in the contract file.", "// Another comment."));

        // The contract's tree changed, so the parser runs again; what it produces must compare equal.
        AllOutputs(second, TrackingNames.Contracts, IncrementalStepRunReason.Unchanged);
        AllOutputs(second, TrackingNames.ValidContracts, NotRegenerated);
        AllOutputs(second, SourceOutput, NotRegenerated);
    }

    [Fact]
    public void OneOfTwoContractsSignatureChanged_OnlyThatSpecModified()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract, Implementation, SecondContract);
        GeneratorRun first = GeneratorHarness.Run(compilation);
        Assert.Equal(2, first.Sources.Length);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, Replace(compilation, "Source2.cs", "long Multiply(long a, long b);", "long Multiply(long a, int b);"));

        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(second, TrackingNames.Contracts, "IOther"));
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(second, TrackingNames.ValidContracts, "IOther"));
        Assert.Contains(ReasonFor(second, TrackingNames.Contracts, "IService"), NotRegenerated);
        Assert.Contains(ReasonFor(second, TrackingNames.ValidContracts, "IService"), NotRegenerated);
        var sourceOutputs = Outputs(second, SourceOutput);
        Assert.Equal(1, sourceOutputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Contains("int b", second.Sources.Single(s => s.HintName == "Incremental.IOther.SocketPair.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CarriedContractChangedInAnotherFile_CarriersFingerprintFollows()
    {
        const string Carrier = """
            using SocketPairGen;

            namespace Incremental;

            [SocketPairChannel]
            public partial interface ICarrier
            {
                ChannelEnd<IOther> Open();
            }
            """;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Carrier, SecondContract);
        GeneratorRun first = GeneratorHarness.Run(compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, Replace(compilation, "Source1.cs", "long Multiply(long a, long b);", "long Multiply(long a, int b);"));

        // The carrier's file did not change, but what it carries did: its fingerprint must follow, or peers built
        // from the two versions would agree on the carrier and disagree on the channel it hands out.
        Model.ContractSpec before = first.Specs.Single(s => s.Name == "ICarrier");
        Model.ContractSpec after = second.Specs.Single(s => s.Name == "ICarrier");
        Assert.NotEqual((before.FingerprintUpper, before.FingerprintLower), (after.FingerprintUpper, after.FingerprintLower));
    }

    private static void AssertNothingRegenerated(GeneratorRun run)
    {
        AllOutputs(run, TrackingNames.Contracts, NotRegenerated);
        AllOutputs(run, TrackingNames.ValidContracts, NotRegenerated);
        AllOutputs(run, SourceOutput, NotRegenerated);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        string text = tree.ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(text.Replace(oldText, newText, StringComparison.Ordinal), path));
    }
}
