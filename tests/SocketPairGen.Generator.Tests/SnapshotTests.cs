namespace SocketPairGen.Generator.Tests;

/// <summary>The generated file of each representative contract in <c>Snapshots/Inputs</c>, compared with its baseline.</summary>
public class SnapshotTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "AsyncShapes", "Samples.Async.IJobs.SocketPair.g.cs" },
        { "Descriptors", "Samples.Descriptors.ISandbox.SocketPair.g.cs" },
        { "GlobalNamespace", "IGlobal.SocketPair.g.cs" },
        { "InlineArraysAndLongTuples", "Samples.Long.ILong.SocketPair.g.cs" },
        { "InternalInterface", "Samples.Internal.ISwitch.SocketPair.g.cs" },
        { "KeywordParameters", "Samples.Keywords.IKeywords.SocketPair.g.cs" },
        { "MinimalSync", "Samples.Minimal.ICalculator.SocketPair.g.cs" },
        { "NestedInPartialTypes", "Samples.Nesting.Outer.Middle.Inner.IDeep.SocketPair.g.cs" },
        { "NullablesAndTuples", "Samples.Values.IValues.SocketPair.g.cs" },
        { "ResultsThatCannotBeNull", "Samples.References.IReferences.SocketPair.g.cs" },
        { "StringsAndBlocks", "Samples.Blocks.IStorage.SocketPair.g.cs" },
        { "UserStructs", "Samples.Structs.IShapes.SocketPair.g.cs" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Contract_GeneratesBaseline(string input, string hintName)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(TestFiles.ReadInput(input)));

        Microsoft.CodeAnalysis.GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal(hintName, source.HintName);
        SnapshotAssert.Matches(input, source.SourceText.ToString());
    }

    [Fact]
    public void InputFolder_EveryInputHasARow()
    {
        Assert.Equal(TestFiles.InputNames, Inputs.Select(row => (string)row[0]));
    }
}
