namespace SocketPairGen.Generator.Tests;

/// <summary>Bugs found while writing these tests; each is the minimal input, skipped until the generator is fixed.</summary>
public class GeneratorBugTests
{
    [Fact(Skip = "Generator bug: a user struct without padding or checked fields becomes a BlittableWireType(name, size), whose text in the fingerprint has no field layout; reordering its fields (Point {X; Y} to {Y; X}) keeps the fingerprint, so peers built from the two sources connect and swap the values silently.")]
    public void BlittableStructFieldsReordered_ChangesFingerprint()
    {
        const string source = """
            using SocketPairGen;
            namespace Prints;
            public struct Point { public int X; public int Y; }
            [SocketPairChannel]
            public partial interface IPlot { void Plot(Point point); }
            """;

        Assert.NotEqual(
            FingerprintTests.FingerprintOf(source),
            FingerprintTests.FingerprintOf(FingerprintTests.Edit(source, "public int X; public int Y;", "public int Y; public int X;")));
    }

    [Fact(Skip = "Generator bug: same cause as the reorder case; Point.X changed from int to float keeps the fingerprint (same name, same size).")]
    public void BlittableStructFieldTypeChanged_ChangesFingerprint()
    {
        const string source = """
            using SocketPairGen;
            namespace Prints;
            public struct Point { public int X; public int Y; }
            [SocketPairChannel]
            public partial interface IPlot { void Plot(Point point); }
            """;

        Assert.NotEqual(
            FingerprintTests.FingerprintOf(source),
            FingerprintTests.FingerprintOf(FingerprintTests.Edit(source, "public int X;", "public float X;")));
    }

    public static TheoryData<string> GeneratedMemberNames =>
    [
        "void Dispose();",
        "System.Threading.Tasks.ValueTask DisposeAsync();",
        "int Contract(int id);",
        "int CreateContract();",
        "int Dispatcher(int id);",
        "int Codec(int id);",
    ];

    [Theory(Skip = "Generator bug: only Connect/ServeAsync/Client are reserved, but the generated Client also declares Dispose, DisposeAsync, Contract, CreateContract and the nested Dispatcher and Codec types; a contract method with one of those names is emitted and collides (CS0111/CS0102/CS1503).")]
    [MemberData(nameof(GeneratedMemberNames))]
    public void MethodNamedLikeAGeneratedMember_CompilesOrIsSkipped(string method)
    {
        AssertCompilesOrIsSkipped("using SocketPairGen;\nnamespace Bugs;\n[SocketPairChannel]\npublic partial interface IClash { int Other(int a); " + method + " }\n");
    }

    [Fact(Skip = "Generator bug: ContractParser ignores static members, but a static abstract interface member must be implemented by the generated Client, so the output fails with CS0535. The parser should reject contracts with static abstract/virtual members.")]
    public void StaticAbstractMember_CompilesOrIsSkipped()
    {
        AssertCompilesOrIsSkipped("""
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IFactory { int Make(int a); static abstract int Zero(); }
            """);
    }

    [Fact(Skip = "Generator bug: in a #nullable disable contract, byte[] has NullableAnnotation.None, so BlockWireType.IsNullable is true and the read helper returns byte[]?, but the dispatcher and decoder declare it as byte[] inside #nullable enable generated code: CS8600 and CS8603 (errors under TreatWarningsAsErrors).")]
    public void ArraysInNullableObliviousContract_CompileWithoutWarnings()
    {
        AssertCompilesOrIsSkipped("""
            #nullable disable
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IOblivious { byte[] Echo(byte[] value); }
            """);
    }

    [Fact(Skip = "Generator bug: codec helper names come from WireType.Id, which maps every non-alphanumeric character to _, so global::Bugs.A_B and global::Bugs.A.B both get Write_Bugs_A_B/Read_Bugs_A_B; the second type reuses the first type's helper (CS0029, CS1503).")]
    public void HelperNamesOfDifferentTypes_DoNotCollide()
    {
        AssertCompilesOrIsSkipped("""
            using SocketPairGen;
            namespace Bugs;
            public struct A_B { public byte Tag; public long Value; }
            public partial class A { public struct B { public int Tag; public long Value; } }
            [SocketPairChannel]
            public partial interface ICollide { void First(A_B value); void Second(A.B value); }
            """);
    }

    [Fact(Skip = "Generator bug: the client method body calls _channel.Call(...); a contract parameter named _channel shadows the field (CS1061). Generated members should be qualified with this. or the parameter rejected.")]
    public void ParameterNamedChannelField_CompilesOrIsSkipped()
    {
        AssertCompilesOrIsSkipped("""
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IShadow { int Add(int _channel, int b); }
            """);
    }

    [Fact(Skip = "Generator bug (usability): Connect returns the Client type, whose methods drop the contract's default parameter values (IArithmetic.AddAsync has CancellationToken cancellationToken = default), so client.AddAsync(1, 2) does not compile on the Client type (CS7036); only calls through the interface type can omit it.")]
    public void OptionalCancellationToken_CanBeOmittedOnTheClient()
    {
        const string contract = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IOptional { ValueTask<int> AddAsync(int a, int b, CancellationToken cancellationToken = default); }
            """;
        const string caller = """
            namespace Bugs;
            public static class Caller
            {
                public static System.Threading.Tasks.ValueTask<int> Call(System.Net.Sockets.Socket socket) => IOptional.Connect(socket).AddAsync(1, 2);
            }
            """;

        GeneratorHarness.Run(GeneratorHarness.CreateCompilation(contract, caller)).AssertCompilesCleanly();
    }

    /// <summary>The generator may skip the contract (the analyzers report it) or emit code that compiles; never code that does not.</summary>
    private static void AssertCompilesOrIsSkipped(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
        run.AssertCompilesCleanly();
    }
}
