using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers.DescriptorSafety;
using SocketPairGen.Analyzers.Tests.Corpus;
using Xunit.Abstractions;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety;

/// <summary>
/// The descriptor rules ask each method body for the writes, reads and mentions of a variable through an index built
/// once per body (<see cref="MethodOperations"/>), not by walking the body for each question. Over every method of
/// the corpus (both folders: the real shapes of interop code, pointers pinned by <c>fixed</c>, spans, deconstructions,
/// ref arguments), each indexed answer must be exactly what the walk over every operation gives, in the same order.
/// </summary>
public class MethodOperationsIndexTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Correct")]
    [InlineData("Buggy")]
    public void EveryPlaceOfTheCorpus_IndexAnswersAsTheWholeWalk(string folder)
    {
        (Compilation compilation, IReadOnlyList<SyntaxTree> written) = CorpusCompilation(folder);
        int bodies = 0, places = 0, writes = 0;
        foreach (SyntaxTree tree in written)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode declaration in tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax))
            {
                if (model.GetOperation(declaration) is not { } body)
                {
                    continue;
                }

                bodies++;
                IOperation[] all = body.Descendants().ToArray();
                var variables = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                var candidates = new HashSet<DescriptorPlace>();
                foreach (IOperation operation in all)
                {
                    if (DescriptorPlace.Of(operation) is { } place)
                    {
                        candidates.Add(place);
                        variables.Add(place.Symbol);
                    }

                    switch (operation)
                    {
                        case ILocalReferenceOperation local: variables.Add(local.Local); break;
                        case IParameterReferenceOperation parameter: variables.Add(parameter.Parameter); break;
                        case IFieldReferenceOperation field: variables.Add(field.Field); break;
                        case IVariableDeclaratorOperation declarator: variables.Add(declarator.Symbol); break;
                    }

                    if (DescriptorPlace.Variable(operation) is { } whole)
                    {
                        variables.Add(whole);
                    }
                }

                foreach (ISymbol variable in variables)
                {
                    candidates.Add(new DescriptorPlace(variable, null));
                    candidates.Add(new DescriptorPlace(variable, 0));
                    candidates.Add(new DescriptorPlace(variable, 1));

                    Assert.Equal(
                        all.Where(o => o is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                            && SymbolEqualityComparer.Default.Equals(DescriptorPlace.Variable(o), variable)),
                        MethodOperations.WholeReferencesTo(body, variable));
                    if (variable is ILocalSymbol local)
                    {
                        Assert.Equal(
                            all.Where(o => o is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, local)
                                || o is ILocalReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Local, local)),
                            MethodOperations.MentionsOf(body, local));
                    }
                }

                foreach (DescriptorPlace place in candidates)
                {
                    places++;
                    List<(IOperation, IOperation?)> walked = all.Select(place.AsWrite).OfType<(IOperation, IOperation?)>().ToList();
                    writes += walked.Count;
                    Assert.Equal(walked, place.WritesIn(body).ToList());
                    Assert.Equal(
                        all.Where(o => o is ILocalReferenceOperation or IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }
                                or { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax }
                            && DescriptorPlace.Of(o) == place),
                        DescriptorReferences.To(place, body));
                }
            }
        }

        output.WriteLine($"{folder}: {bodies} bodies, {places} places, {writes} writes compared.");
        Assert.True(bodies > 100 && writes > 500, $"Too little compared: {bodies} bodies, {writes} writes.");
    }

    /// <summary>The corpus folder compiled as <see cref="CorpusTests"/> compiles it, and its trees but the generated ones.</summary>
    private static (Compilation Compilation, IReadOnlyList<SyntaxTree> Written) CorpusCompilation(string folder)
    {
        string directory = Path.Combine(CorpusFolder(), folder);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        List<SyntaxTree> trees = Directory.GetFiles(directory, "*.cs.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path: Path.GetFileName(path)))
            .ToList();
        trees.Add(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;", parseOptions));
        trees.AddRange(CorpusTests.LibraryImportImplementations(trees).ToList().Select(text => CSharpSyntaxTree.ParseText(text, parseOptions)));
        CSharpCompilation written = CSharpCompilation.Create(
            "Index" + folder,
            trees,
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Mono.Unix.Native.Syscall).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Tmds.Linux.LibC).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        Compilation compilation = CorpusTests.WithGeneratedChannels(written, parseOptions);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (compilation, written.SyntaxTrees.ToList());
    }

    private static string CorpusFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "..", "Corpus");
}
