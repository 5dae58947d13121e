namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Contracts the generator cannot emit correctly get no file (the analyzers say why), and the valid contract
/// next to them still generates and everything compiles.
/// </summary>
public class SkippedContractTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SocketPairGen;

        """;

    private const string ValidContract = """
        using SocketPairGen;

        namespace Valid;

        [SocketPairChannel]
        public partial interface IValid
        {
            int Add(int a, int b);
        }
        """;

    public static TheoryData<string, string> InvalidContracts => new()
    {
        { "NonPartialInterface", "[SocketPairChannel] public interface IBad { int M(int a); }" },
        { "NonPartialContainingClass", "public class Outer { [SocketPairChannel] public partial interface IBad { int M(int a); } }" },
        { "GenericContainingClass", "public partial class Outer<T> { [SocketPairChannel] public partial interface IBad { int M(int a); } }" },
        { "GenericInterface", "[SocketPairChannel] public partial interface IBad<T> { int M(int a); }" },
        { "GenericMethod", "[SocketPairChannel] public partial interface IBad { T M<T>(T a) where T : unmanaged; }" },
        { "Property", "[SocketPairChannel] public partial interface IBad { int M(int a); int Count { get; } }" },
        { "Indexer", "[SocketPairChannel] public partial interface IBad { int M(int a); int this[int i] { get; } }" },
        { "Event", "[SocketPairChannel] public partial interface IBad { int M(int a); event EventHandler Changed; }" },
        { "DefaultBodiedMethod", "[SocketPairChannel] public partial interface IBad { int M(int a); int Twice(int a) => M(a) * 2; }" },
        { "RefParameter", "[SocketPairChannel] public partial interface IBad { void M(ref int a); }" },
        { "OutParameter", "[SocketPairChannel] public partial interface IBad { void M(out int a); }" },
        { "RefReturn", "[SocketPairChannel] public partial interface IBad { ref int M(); }" },
        { "CancellationTokenNotLast", "[SocketPairChannel] public partial interface IBad { Task M(CancellationToken token, int a); }" },
        { "TwoCancellationTokens", "[SocketPairChannel] public partial interface IBad { Task M(CancellationToken first, CancellationToken second); }" },
        { "ObjectParameter", "[SocketPairChannel] public partial interface IBad { void M(object value); }" },
        { "ListParameter", "[SocketPairChannel] public partial interface IBad { void M(List<int> values); }" },
        { "ClassResult", "[SocketPairChannel] public partial interface IBad { Exception M(); }" },
        { "StringArray", "[SocketPairChannel] public partial interface IBad { void M(string[] values); }" },
        { "TupleWithString", "[SocketPairChannel] public partial interface IBad { void M((int, string) value); }" },
        { "StructWithReferenceField", "public struct Named { public int Id; public string Name; } [SocketPairChannel] public partial interface IBad { void M(Named value); }" },
        { "AutoLayoutStruct", "[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)] public struct Loose { public int A; public byte B; } [SocketPairChannel] public partial interface IBad { void M(Loose value); }" },
        { "GenericStruct", "public struct Box<T> where T : unmanaged { public T Value; } [SocketPairChannel] public partial interface IBad { void M(Box<int> value); }" },
        { "PointerParameter", "[SocketPairChannel] public unsafe partial interface IBad { void M(int* value); }" },
        { "SpanReturn", "[SocketPairChannel] public partial interface IBad { ReadOnlySpan<byte> M(); }" },
        { "TaskOfSpanElementClass", "[SocketPairChannel] public partial interface IBad { Task<List<int>> M(); }" },
        { "MemberNamedConnect", "[SocketPairChannel] public partial interface IBad { int Connect(int a); }" },
        { "MemberNamedServeAsync", "[SocketPairChannel] public partial interface IBad { Task ServeAsync(int a); }" },
        { "MemberNamedClient", "[SocketPairChannel] public partial interface IBad { int Client(int a); }" },
        { "InheritsAnotherInterface", "public interface IBase { int M(int a); } [SocketPairChannel] public partial interface IBad : IBase { int N(int a); }" },
        { "InheritsIDisposable", "[SocketPairChannel] public partial interface IBad : IDisposable { int N(int a); }" },
    };

    [Theory]
    [MemberData(nameof(InvalidContracts))]
    public void InvalidContract_NoFileAndTheRestCompiles(string scenario, string invalidContract)
    {
        string source = Usings + "namespace Invalid." + scenario + "\n{\n" + invalidContract + "\n}\n";

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, ValidContract));

        run.AssertCompilesCleanly();
        Assert.Equal("Valid.IValid.SocketPair.g.cs", Assert.Single(run.Sources).HintName);
        Assert.Equal("IValid", Assert.Single(run.Specs).Name);
    }
}
