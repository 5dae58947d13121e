namespace SocketPairGen.Generator.Tests;

/// <summary>Bugs found while writing the generator tests, each kept as its minimal input so it stays fixed.</summary>
public class RegressionTests
{
    [Fact]
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

    [Fact]
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

    [Theory]
    [MemberData(nameof(GeneratedMemberNames))]
    public void MethodNamedLikeAGeneratedMember_CompilesOrIsSkipped(string method)
    {
        AssertCompilesOrIsSkipped("using SocketPairGen;\nnamespace Bugs;\n[SocketPairChannel]\npublic partial interface IClash { int Other(int a); " + method + " }\n");
    }

    [Fact]
    public void StaticAbstractMember_CompilesOrIsSkipped()
    {
        AssertCompilesOrIsSkipped("""
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IFactory { int Make(int a); static abstract int Zero(); }
            """);
    }

    [Fact]
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

    [Fact]
    public void StringsInNullableObliviousContract_CompileWithoutWarnings()
    {
        // Null is accepted for them, as for nullable ones: the reads say so with '!'.
        AssertCompilesOrIsSkipped("""
            #nullable disable
            using System.Threading.Tasks;
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IObliviousText { string Echo(string value); Task<string> EchoAsync(string value); }
            """);
    }

    [Fact]
    public void ObliviousArgumentsOfASyncMethodWithAToken_CompileWithoutWarnings()
    {
        // Such a method runs on the thread pool, from copies of its arguments: a copy's type must accept the null the
        // codec accepts.
        AssertCompilesOrIsSkipped("""
            #nullable disable
            using System.Threading;
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IObliviousWithToken { int Length(string text, CancellationToken token); void Put(int[] values, CancellationToken token); }
            """);
    }

    [Fact]
    public void HandleArraysInNullableObliviousContract_GenerateAndCompileWithoutWarnings()
    {
        // Declared where nullable annotations are off, the array and its elements may be null: the argument's type
        // must be the one its codec reads (SafeFileHandle?[]?), parameters of a sync method with a token included.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("""
            #nullable disable
            using System.Net.Sockets;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Win32.SafeHandles;
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IObliviousHandles
            {
                int Scan([MaxDescriptors(4)] SafeFileHandle[] files, [MaxDescriptors(2)] ChannelEnd<IObliviousHandles>[] ends);
                int ScanLater([MaxDescriptors(4)] Socket[] sockets, CancellationToken token);
                [return: MaxDescriptors(4)] Task<SafeSocketHandle[]> OpenAsync([MaxDescriptors(1)] SafeFileHandle[] files, CancellationToken token);
            }
            """));

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources);
    }

    [Fact]
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

    [Fact]
    public void ParameterNamedChannelField_CompilesOrIsSkipped()
    {
        AssertCompilesOrIsSkipped("""
            using SocketPairGen;
            namespace Bugs;
            [SocketPairChannel]
            public partial interface IShadow { int Add(int _channel, int b); }
            """);
    }

    [Fact]
    public void StructWithAFieldOfAPrivateNestedType_CompilesOrIsSkipped()
    {
        // The start-up layout check named the private type (CS0122).
        AssertCompilesOrIsSkipped("""
            using SocketPairGen;
            namespace Bugs;
            public struct Outer
            {
                public int A;
                private Inner _inner;
                public Outer(long x) { A = 1; _inner.X = x; }
                public override string ToString() => _inner.X.ToString();
                private struct Inner { public long X; }
            }
            [SocketPairChannel]
            public partial interface IHides { Outer Echo(Outer value); }
            """);
    }

    [Fact]
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
