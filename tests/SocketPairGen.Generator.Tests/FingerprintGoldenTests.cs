using System.Globalization;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Pins the fingerprints of representative contracts and their canonical texts (<c>Fingerprints/&lt;name&gt;.txt</c>), so
/// that a change to any contract's wire identity is a deliberate, reviewed change: a new encoding, a changed layout
/// rule or a parser change that touches a fingerprint fails here first. Accepting one means changing the constant
/// below and rewriting the text (<c>SOCKETPAIRGEN_UPDATE_SNAPSHOTS=1</c>), and every deployed peer of that contract
/// then needs rebuilding.
/// </summary>
public class FingerprintGoldenTests
{
    private const string UpdateVariable = "SOCKETPAIRGEN_UPDATE_SNAPSHOTS";

    public static TheoryData<string, string> Contracts => new()
    {
        { "MinimalSync", "d6fabff28ba1b8f87c1bb2df09df3d50" },
        { "AsyncShapes", "d823bf58f2bd7e36825e299a80afd4e8" },
        { "NullablesAndTuples", "eb6afc451e072721424b1193c1c7153a" },
        { "StringsAndBlocks", "a0e5f31d76aa461330a1f1f6a54dbbcc" },
        { "UserStructs", "759eee50c823caa9a3efec3ab75a7bf7" },
        { "IArithmetic", "394664f7102b615fe421545dc62c6bd3" },
        { "IEverything", "7c4f23f0edbca79b28225fc21cb0c43c" },
        { "IConformance", "9baa275b8cd75641caa637d363aad8f5" },
        { "Descriptors", "9a029b74af9f0792d426ca81c75440ed" },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Contract_KeepsItsFingerprint(string name, string fingerprint)
    {
        Model.ContractSpec spec = SpecOf(name);
        string text = FingerprintTests.CanonicalText(spec);
        string actual = spec.FingerprintUpper.ToString("x16", CultureInfo.InvariantCulture) + spec.FingerprintLower.ToString("x16", CultureInfo.InvariantCulture);

        MatchesGoldenText(name, text);
        Assert.True(fingerprint == actual, $"The fingerprint of {name} changed from {fingerprint} to {actual}; its canonical text is:\n{text}");
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void CanonicalText_FollowsTheGrammar(string name, string fingerprint)
    {
        string text = FingerprintTests.CanonicalText(SpecOf(name));

        CanonicalGrammar.Check(text);
        _ = fingerprint;
    }

    private static Model.ContractSpec SpecOf(string name)
    {
        (string Path, string Text)[] sources = name switch
        {
            "IArithmetic" => TestFiles.TestContract("IArithmetic.cs"),
            "IEverything" => TestFiles.EverythingContract(),
            "IConformance" => TestFiles.TestContract("IConformance.cs", "ConformanceTypes.cs"),
            _ => [(name + ".cs", TestFiles.ReadInput(name))],
        };
        return Assert.Single(GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources)).Specs);
    }

    private static void MatchesGoldenText(string name, string actual)
    {
        string path = Path.Combine(TestFiles.ProjectDirectory, "Fingerprints", name + ".txt");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        string? expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        Assert.True(expected == actual,
            $"The canonical text of {name} differs from {path} (run with {UpdateVariable}=1 to rewrite it); it is now:\n{actual}");
    }
}
