using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Real assemblies built in memory: a library whose types reach the generator from metadata (as a struct of another
/// assembly does), and the generator's output loaded and run in a collectible load context.
/// </summary>
internal static class EmittedAssemblies
{
    /// <summary>Compiles <paramref name="source"/> into an assembly image named <paramref name="name"/>.</summary>
    public static byte[] CompileLibrary(string name, string source)
    {
        CSharpCompilation library = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return Emit(library);
    }

    /// <summary>Emits <paramref name="compilation"/>, failing the test on any error.</summary>
    public static byte[] Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return image.ToArray();
    }

    /// <summary>
    /// Loads <paramref name="images"/> (dependencies first) into a fresh collectible context and runs
    /// <paramref name="use"/> on the last one; everything else (the SocketPairGen runtime, the framework) resolves to
    /// what this test process already loaded.
    /// </summary>
    public static void Run(Action<Assembly> use, params byte[][] images)
    {
        var context = new AssemblyLoadContext("SocketPairGen.Generator.Tests.Emitted", isCollectible: true);
        try
        {
            Assembly? last = null;
            foreach (byte[] image in images)
            {
                using var stream = new MemoryStream(image);
                last = context.LoadFromStream(stream);
            }

            use(last!);
        }
        finally
        {
            context.Unload();
        }
    }
}
