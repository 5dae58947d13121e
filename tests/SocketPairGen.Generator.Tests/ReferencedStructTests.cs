using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SocketPairGen.Generator.Tests;

/// <summary>Structs declared in another assembly: their layout comes from metadata.</summary>
public class ReferencedStructTests
{
    private const string Library = """
        namespace Lib;

        public struct Hidden
        {
            private int _a;
            private byte _b;
            public Hidden(int a, byte b) { _a = a; _b = b; }
            public override string ToString() => $"{_a} {_b}";
        }
        """;

    [Fact]
    public void StructWithPrivateFieldsFromAnAssembly_IsLaidOutWithThem()
    {
        MetadataReference library = CompileLibrary(Library);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("""
            using SocketPairGen;
            namespace App;
            [SocketPairChannel]
            public partial interface IUsesHidden { Lib.Hidden Echo(Lib.Hidden value); }
            """).AddReferences(library);

        GeneratorRun run = GeneratorHarness.Run(compilation).AssertCompilesCleanly();

        Model.ContractSpec spec = Assert.Single(run.Specs);
        Model.StructLayoutSpec hidden = Assert.Single(spec.Structs);
        Assert.Equal(8, hidden.Size); // int at 0, byte at 4, padded to 8: both private fields counted
        Assert.Equal([("_a", 0), ("_b", 4)], hidden.Fields.Select(f => (f.Name, f.Offset))); // and checked at start-up
        string source = run.Sources.Single().SourceText.ToString();
        Assert.Contains("StructCodec<global::Lib.Hidden, ", source, StringComparison.Ordinal); // not sent as raw memory:
        Assert.Contains("bytes.Slice(5, 3).Clear();", source, StringComparison.Ordinal); // its padding is cleared
    }

    [Fact]
    public void FrameworkStructWithHiddenFields_SkipsTheContract()
    {
        // The framework's reference assemblies replace System.Drawing.Point's private fields with a placeholder:
        // its layout is unknown at compile time, so it cannot travel as its bytes.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("""
            using SocketPairGen;
            namespace App;
            [SocketPairChannel]
            public partial interface IUsesPoint { System.Drawing.Point Echo(System.Drawing.Point value); }
            """);

        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Sources);
        Assert.Empty(GeneratorHarness.Visible(run.Output.GetDiagnostics()).Where(d => d.Id != "CS1591")); // the inputs carry no docs
    }

    [Fact]
    public void FrameworkStructWithPublicFields_IsSupported()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("""
            using SocketPairGen;
            namespace App;
            [SocketPairChannel]
            public partial interface IUsesVector { System.Numerics.Vector3 Echo(System.Numerics.Vector3 value); }
            """);

        GeneratorRun run = GeneratorHarness.Run(compilation).AssertCompilesCleanly();

        Assert.Equal(12, Assert.Single(Assert.Single(run.Specs).Structs).Size);
    }

    /// <summary>A real assembly (emitted, not a compilation reference), so the struct's symbols come from metadata.</summary>
    private static MetadataReference CompileLibrary(string source) =>
        MetadataReference.CreateFromImage(EmittedAssemblies.CompileLibrary("Lib", source));
}
