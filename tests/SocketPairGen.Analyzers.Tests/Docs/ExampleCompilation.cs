using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SocketPairGen.CodeFixes;
using SocketPairGen.Generator;

namespace SocketPairGen.Analyzers.Tests.Docs;

/// <summary>
/// The project a page's example is compiled in: an SDK project for net10.0 (offline reference assemblies, its implicit
/// usings, nullable and unsafe code on) that references SocketPairGen, so its generator writes the channel contracts'
/// members; snippets also get <see cref="Libc"/>. The rule's analyzers and code fixes are found by the rule's id.
/// </summary>
internal static class ExampleCompilation
{
    /// <summary>What <c>ImplicitUsings</c> gives an SDK project.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The P/Invokes and Linux values the snippets of the pages call, as interop code declares them.</summary>
    public const string Libc = """
        using System;
        using System.Runtime.InteropServices;

        public static unsafe class Libc
        {
            public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
            public const int O_RDONLY = 0, O_CLOEXEC = 0x80000;
            public const int F_SETFD = 2, FD_CLOEXEC = 1;
            public const int SOL_SOCKET = 1, SO_PEERCRED = 17;

            [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int socketpair(int domain, int type, int protocol, int* sv);
            [DllImport("libc", SetLastError = true)] public static extern int pipe2(int[] fds, int flags);
            [DllImport("libc", SetLastError = true)] public static extern int fcntl(int fd, int cmd, int arg);
            [DllImport("libc", SetLastError = true)] public static extern nint read(int fd, byte* buffer, nint count);
            [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
            [DllImport("libc")] public static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newfd);
            [DllImport("libc")] public static extern int posix_spawn(out int pid, string path, IntPtr actions, IntPtr attributes, string[] argv, string[] envp);
        }
        """;

    public static IEnumerable<MetadataReference> References { get; } =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(SocketPair).Assembly.Location)];

    /// <summary>The other files of the project: the implicit usings, and the P/Invokes for a snippet.</summary>
    public static (string Name, string Text)[] OtherFiles(string example) =>
        example.Contains("using static Libc;", StringComparison.Ordinal)
            ? [("/0/GlobalUsings.cs", ImplicitUsings), ("/0/Libc.cs", Libc)]
            : [("/0/GlobalUsings.cs", ImplicitUsings)];

    public static CompilationOptions Options(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable);

    public static ParseOptions Parse(ParseOptions options) => ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Compiles <paramref name="example"/> (it must compile, but for <paramref name="allowedError"/>) with C#
    /// <paramref name="version"/> (the newest by default) and returns the diagnostics of rule <paramref name="id"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string example, string id, LanguageVersion version = LanguageVersion.Latest, string? allowedError = null)
    {
        var parse = ((CSharpParseOptions)Parse(CSharpParseOptions.Default)).WithLanguageVersion(version);
        SyntaxTree[] trees = [CSharpSyntaxTree.ParseText(example, parse, "/0/Test0.cs"), .. OtherFiles(example).Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Name))];
        var options = (CSharpCompilationOptions)Options(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create(new SocketPairGenerator()).WithUpdatedParseOptions(parse)
            .RunGeneratorsAndUpdateCompilation(CSharpCompilation.Create("Example", trees, References, options), out Compilation compilation, out _);

        // [LibraryImport] methods get their bodies from the interop generator of the SDK, which does not run here.
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795" && d.Id != allowedError));
        ImmutableArray<Diagnostic> found = await compilation.WithAnalyzers([.. AnalyzersOf(id)]).GetAnalyzerDiagnosticsAsync();
        return [.. found.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>The analyzers that report rule <paramref name="id"/>.</summary>
    public static IEnumerable<DiagnosticAnalyzer> AnalyzersOf(string id) =>
        Instances<DiagnosticAnalyzer, DiagnosticAnalyzerAttribute>(typeof(ContractAnalyzer).Assembly)
            .Where(a => a.SupportedDiagnostics.Any(d => d.Id == id));

    /// <summary>The code fixes of rule <paramref name="id"/>.</summary>
    public static IEnumerable<CodeFixProvider> FixesOf(string id) =>
        Instances<CodeFixProvider, ExportCodeFixProviderAttribute>(typeof(AddPartialCodeFixProvider).Assembly)
            .Where(f => f.FixableDiagnosticIds.Contains(id));

    private static IEnumerable<T> Instances<T, TExport>(Assembly assembly)
        where TExport : Attribute =>
        assembly.GetTypes().Where(t => typeof(T).IsAssignableFrom(t) && t.GetCustomAttribute<TExport>() is not null)
            .Select(t => (T)Activator.CreateInstance(t)!);
}
