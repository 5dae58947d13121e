namespace SocketPairGen.Generator.Tests;

/// <summary>
/// The contract fingerprint (read from the parser's spec) changes with anything a peer built from other source
/// would decode differently, and stays put for edits that change nothing on the wire.
/// </summary>
public class FingerprintTests
{
    private const string Baseline = """
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace Prints;

        public enum Shade { Dark, Light }

        public struct Sample
        {
            public byte Tag;
            public long Value;
            public bool Flag;
        }

        [SocketPairChannel]
        public partial interface IPrinted
        {
            int Add(int a, int b);

            Task<Sample> LoadAsync(Shade shade, string name);

            void Store(Sample sample);
        }
        """;

    public static TheoryData<string, string, string> WireChanges => new()
    {
        { "MethodRenamed", "int Add(int a, int b);", "int Plus(int a, int b);" },
        { "ParameterTypeChanged", "int Add(int a, int b);", "int Add(int a, long b);" },
        { "ParameterAdded", "int Add(int a, int b);", "int Add(int a, int b, int c);" },
        { "ReturnShapeChanged", "int Add(int a, int b);", "Task<int> Add(int a, int b);" },
        { "StructFieldTypeChanged", "public long Value;", "public ulong Value;" },
        { "StructFieldsReordered", "public byte Tag;\n    public long Value;", "public long Value;\n    public byte Tag;" },
        { "EnumMemberAdded", "Dark, Light }", "Dark, Light, Dim }" },
        { "EnumValueChanged", "Dark, Light }", "Dark, Light = 5 }" },
        { "StringMadeNullable", "string name);", "string? name);" },
    };

    public static TheoryData<string, string, string> SourceOnlyChanges => new()
    {
        { "ParameterRenamed", "int Add(int a, int b);", "int Add(int left, int right);" },
        { "MethodsReordered", "int Add(int a, int b);\n\n    Task<Sample> LoadAsync(Shade shade, string name);", "Task<Sample> LoadAsync(Shade shade, string name);\n\n    int Add(int a, int b);" },
        { "CommentAdded", "void Store(Sample sample);", "// Keeps the sample.\n    void Store(Sample sample);" },
        { "EnumMembersReordered", "Dark, Light }", "Light = 1, Dark = 0 }" },
    };

    [Theory]
    [MemberData(nameof(WireChanges))]
    public void WireChange_ChangesFingerprint(string scenario, string oldText, string newText)
    {
        Assert.NotEqual(FingerprintOf(Baseline), FingerprintOf(Edit(Baseline, oldText, newText)));
        _ = scenario; // names the row in the test list
    }

    [Theory]
    [MemberData(nameof(SourceOnlyChanges))]
    public void SourceOnlyChange_KeepsFingerprint(string scenario, string oldText, string newText)
    {
        Assert.Equal(FingerprintOf(Baseline), FingerprintOf(Edit(Baseline, oldText, newText)));
        _ = scenario; // names the row in the test list
    }

    [Fact]
    public void GeneratedContract_CarriesTheSpecFingerprint()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Baseline));
        Model.ContractSpec spec = Assert.Single(run.Specs);

        string text = Assert.Single(run.Sources).SourceText.ToString();

        Assert.Contains($"new global::System.UInt128(0x{spec.FingerprintUpper:X16}, 0x{spec.FingerprintLower:X16})", text, StringComparison.Ordinal);
    }

    internal static (ulong Upper, ulong Lower) FingerprintOf(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
        Model.ContractSpec spec = Assert.Single(run.Specs);
        return (spec.FingerprintUpper, spec.FingerprintLower);
    }

    internal static string Edit(string source, string oldText, string newText)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(oldText, source, StringComparison.Ordinal);
        return source.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
