namespace SocketPairGen.Generator.Tests;

/// <summary>
/// The contract fingerprint (read from the parser's spec) changes with anything that changes the bytes on the wire or
/// what they mean to the peer, and stays put for edits that change neither (the choices are listed in
/// WIRE-FORMAT.md, "The contract fingerprint").
/// </summary>
public class FingerprintTests
{
    private const string Baseline = """
        using System.Runtime.InteropServices;
        using System.Threading;
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

        public unsafe struct Buffer
        {
            public fixed byte Data[6];
            public int? Count;
        }

        [StructLayout(LayoutKind.Explicit)]
        public struct Overlay
        {
            [FieldOffset(0)] public int AsInt;
            [FieldOffset(0)] public float AsFloat;
        }

        [SocketPairChannel]
        public partial interface IPrinted
        {
            int Add(int a, int b);

            Task<Sample> LoadAsync(Shade shade, string name);

            void Store(Sample sample);

            (int Count, long Total) Sum(int[] values, Buffer buffer, Overlay overlay);

            void Wait(int milliseconds, CancellationToken cancellationToken);
        }
        """;

    public static TheoryData<string, string, string> WireChanges => new()
    {
        { "ContractMovedToAnotherNamespace", "namespace Prints;", "namespace Prints.Moved;" },
        { "MethodRenamed", "int Add(int a, int b);", "int Plus(int a, int b);" },
        { "MethodAdded", "void Store(Sample sample);", "void Store(Sample sample);\n    void Clear();" },
        { "ParameterTypeChanged", "int Add(int a, int b);", "int Add(int a, long b);" },
        { "ParameterSignChanged", "int Add(int a, int b);", "int Add(int a, uint b);" },
        { "ParameterAdded", "int Add(int a, int b);", "int Add(int a, int b, int c);" },
        { "ParametersSwapped", "LoadAsync(Shade shade, string name);", "LoadAsync(string name, Shade shade);" },
        { "ResultAdded", "void Store(Sample sample);", "int Store(Sample sample);" },
        { "CancellationTokenRemoved", "void Wait(int milliseconds, CancellationToken cancellationToken);", "void Wait(int milliseconds);" },
        { "StructFieldTypeChanged", "public long Value;", "public ulong Value;" },
        { "StructFieldsReordered", "public byte Tag;\n    public long Value;", "public long Value;\n    public byte Tag;" },
        { "StructFieldRenamed", "public bool Flag;", "public bool Ready;" },
        { "StructPacked", "public struct Sample", "[StructLayout(LayoutKind.Sequential, Pack = 1)]\npublic struct Sample" },
        { "StructSizeSet", "public struct Sample", "[StructLayout(LayoutKind.Sequential, Size = 32)]\npublic struct Sample" },
        { "FixedBufferLengthChanged", "Data[6];", "Data[7];" },
        { "NullableFieldValueTypeChanged", "public int? Count;", "public long? Count;" },
        { "UnionOffsetChanged", "[FieldOffset(0)] public float AsFloat;", "[FieldOffset(4)] public float AsFloat;" },
        { "EnumMemberAdded", "Dark, Light }", "Dark, Light, Dim }" },
        { "EnumValueChanged", "Dark, Light }", "Dark, Light = 5 }" },
        { "EnumMembersSwapped", "Dark, Light }", "Light, Dark }" },
        { "EnumUnderlyingTypeChanged", "enum Shade {", "enum Shade : byte {" },
        { "EnumMadeFlags", "public enum Shade", "[System.Flags]\npublic enum Shade" },
        { "StringMadeNullable", "string name);", "string? name);" },
        { "ArrayMadeNullable", "Sum(int[] values,", "Sum(int[]? values," },
        { "ArrayElementTypeChanged", "Sum(int[] values,", "Sum(long[] values," },
        { "TupleElementTypeChanged", "(int Count, long Total)", "(int Count, int Total)" },
        { "ValueMadeNullable", "int Add(int a, int b);", "int Add(int a, int? b);" },
    };

    public static TheoryData<string, string, string> SourceOnlyChanges => new()
    {
        { "ParameterRenamed", "int Add(int a, int b);", "int Add(int left, int right);" },
        { "MethodsReordered", "int Add(int a, int b);\n\n    Task<Sample> LoadAsync(Shade shade, string name);", "Task<Sample> LoadAsync(Shade shade, string name);\n\n    int Add(int a, int b);" },
        { "CommentAdded", "void Store(Sample sample);", "// Keeps the sample.\n    void Store(Sample sample);" },
        { "EnumMembersReordered", "Dark, Light }", "Light = 1, Dark = 0 }" },
        { "SyncMadeAsync", "int Add(int a, int b);", "Task<int> Add(int a, int b);" },
        { "TaskMadeValueTask", "Task<Sample> LoadAsync", "ValueTask<Sample> LoadAsync" },
        { "VoidMadeTask", "void Store(Sample sample);", "Task Store(Sample sample);" },
        { "InModifierAdded", "void Store(Sample sample);", "void Store(in Sample sample);" },
        { "DefaultValueAdded", "int Add(int a, int b);", "int Add(int a, int b = 2);" },
        { "ArrayMadeMemory", "Sum(int[] values,", "Sum(System.ReadOnlyMemory<int> values," },
        { "TupleElementsRenamed", "(int Count, long Total)", "(int Items, long Sum)" },
        { "StructRenamed", "Sample", "Specimen" },
        { "EnumRenamed", "Shade", "Tone" },
        { "UnrelatedTypeAdded", "namespace Prints;", "namespace Prints;\n\npublic class Unrelated { }" },
        { "ContractAttributeSpelledOut", "[SocketPairChannel]", "[SocketPairChannelAttribute]" },
        { "UnionFieldsDeclaredInOtherOrder", "[FieldOffset(0)] public int AsInt;\n    [FieldOffset(0)] public float AsFloat;", "[FieldOffset(0)] public float AsFloat;\n    [FieldOffset(0)] public int AsInt;" },
        { "FieldMadeAutoProperty", "public bool Flag;", "public bool Flag { get; set; }" },
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

    [Fact]
    public void Fingerprint_IsTheHashOfTheCanonicalText()
    {
        Model.ContractSpec spec = SpecOf(Baseline);
        string text = CanonicalText(spec);
        byte[] digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(
            (System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest.AsSpan(8))),
            (spec.FingerprintUpper, spec.FingerprintLower));
    }

    [Fact]
    public void CanonicalText_SpellsOutEveryPiece()
    {
        string text = CanonicalText(SpecOf(Baseline));

        Assert.Equal(
            """
            socketpairgen-contract 1
            contract Prints.IPrinted
            method 0 Add(i32,i32) -> i32
            method 1 LoadAsync(enum(i32){Dark=0,Light=1},string) -> struct(24){Tag@0+1:u8,Value@8+8:i64,Flag@16+1:bool}
            method 2 Store(struct(24){Tag@0+1:u8,Value@8+8:i64,Flag@16+1:bool}) -> none
            method 3 Sum(block(i32),struct(16){Data@0+6:u8[6],Count@8+8:nullable@4(i32)},struct(4){AsFloat@0+4:f32,AsInt@0+4:i32}) -> tuple(i32,i64)
            method 4 Wait(i32) cancellable -> none

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void UnknownWireTypeKind_IsRefusedNotGuessed()
    {
        // A new kind of wire type must get its own spelling: nothing falls back to printing the model.
        var exception = Assert.Throws<InvalidOperationException>(() => Parsing.CanonicalEncoding.WireType(new UnspelledWireType()));

        Assert.Contains(nameof(UnspelledWireType), exception.Message, StringComparison.Ordinal);
    }

    internal static Model.ContractSpec SpecOf(string source) =>
        Assert.Single(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source)).Specs);

    internal static string CanonicalText(Model.ContractSpec spec) => Parsing.CanonicalEncoding.Contract(spec.ContractName, spec.Methods);

    internal static (ulong Upper, ulong Lower) FingerprintOf(string source)
    {
        Model.ContractSpec spec = SpecOf(source);
        return (spec.FingerprintUpper, spec.FingerprintLower);
    }

    internal static string Edit(string source, string oldText, string newText)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(oldText, source, StringComparison.Ordinal);
        return source.Replace(oldText, newText, StringComparison.Ordinal);
    }

    private sealed record UnspelledWireType() : Model.WireType("int")
    {
        public override int FixedSize => 4;
    }
}
