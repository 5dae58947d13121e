using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Tests;

/// <summary>The pipeline's models hold strings and values only: nothing that would keep a compilation alive.</summary>
public class ModelTests
{
    [Fact]
    public void PipelineModels_HoldNoSymbolsSyntaxOrCompilation()
    {
        (string Path, string Text)[] sources =
        [
            .. TestFiles.EverythingContract(),
            .. TestFiles.InputNames.Select(name => (name + ".cs", TestFiles.ReadInput(name))),
        ];
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources));

        object[] models =
        [
            .. run.Outputs(TrackingNames.Contracts).Select(o => o.Value),
            .. run.Outputs(TrackingNames.ValidContracts).Select(o => o.Value),
        ];

        Assert.Equal(TestFiles.InputNames.Count() + 1, run.Specs.Length);
        Assert.All(models, model => Assert.Empty(ModelWalker.FindCompilationObjects(model)));
    }

    [Fact]
    public void ModelWalker_SyntaxTreeInsideAnArray_IsFound()
    {
        SyntaxTree tree = GeneratorHarness.Parse("class C { }");
        var model = new { Name = "x", Items = new object[] { 1, new { Tree = tree } } };

        string finding = Assert.Single(ModelWalker.FindCompilationObjects(model));

        Assert.Contains(nameof(SyntaxTree), finding, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelWalker_SymbolInsideEquatableArray_IsFound()
    {
        ISymbol symbol = GeneratorHarness.CreateCompilation("class C { }").GetTypeByMetadataName("C")!;
        var model = new Holder(Model.EquatableArray.ToEquatableArray([new Holder(default, symbol)]), null);

        Assert.Single(ModelWalker.FindCompilationObjects(model));
    }

    private sealed record Holder(Model.EquatableArray<Holder> Children, object? Payload);
}
