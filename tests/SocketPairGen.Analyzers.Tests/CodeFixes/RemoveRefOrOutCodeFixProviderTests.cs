using SocketPairGen.CodeFixes;

namespace SocketPairGen.Analyzers.Tests.CodeFixes;

public class RemoveRefOrOutCodeFixProviderTests
{
    [Fact]
    public async Task RefInt_RefIsRemoved()
    {
        const string source = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface ICounter
            {
                int Add(int a, {|SPG0105:ref|} int b);
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface ICounter
            {
                int Add(int a, int b);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task OutStringWithAttributeOnItsOwnLine_OutIsRemovedAndLayoutKept()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface INames
            {
                void Lookup(
                    int id,
                    [NotNull]
                    {|SPG0105:out|} string? name);
            }
            """;
        const string fixedSource = """
            using System.Diagnostics.CodeAnalysis;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface INames
            {
                void Lookup(
                    int id,
                    [NotNull]
                    string? name);
            }
            """;

        var test = new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, fixedSource);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*]\nbuild_property.Nullable = enable\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task RefAtStartOfLine_IndentationIsKept()
    {
        const string source = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IBuffers
            {
                void Fill(
                    {|SPG0105:ref|} byte[] buffer);
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IBuffers
            {
                void Fill(
                    byte[] buffer);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task ScopedRefInt_ScopedGoesWithTheRef()
    {
        const string source = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface ICounter
            {
                void Reset(scoped {|SPG0105:ref|} long value);
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface ICounter
            {
                void Reset(long value);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task RefCancellationToken_RefIsRemoved()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(int steps, {|SPG0105:ref|} CancellationToken cancellationToken);
            }
            """;
        const string fixedSource = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(int steps, CancellationToken cancellationToken);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task RefAndOutParameters_FixAllRemovesBoth()
    {
        const string source = """
            using System;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IMath
            {
                void DivRem(int a, int b, {|SPG0105:out|} int quotient, {|SPG0105:out|} int remainder);

                Guid Next({|SPG0105:ref|} Guid previous);
            }
            """;
        const string fixedSource = """
            using System;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IMath
            {
                void DivRem(int a, int b, int quotient, int remainder);

                Guid Next(Guid previous);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task RefClassTypedParameter_FixIsNotOffered()
    {
        const string source = """
            using SocketPairGen;

            public sealed class Settings
            {
            }

            [SocketPairChannel]
            public partial interface IConfig
            {
                void Apply({|SPG0105:ref|} {|SPG0101:Settings|} settings);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, source).RunAsync();
    }

    [Fact]
    public async Task OutMultiDimensionalArray_FixIsNotOffered()
    {
        const string source = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IGrid
            {
                void Read({|SPG0105:out|} {|SPG0101:int[,]|} cells);
            }
            """;

        await new ContractCodeFixTest<RemoveRefOrOutCodeFixProvider>(source, source).RunAsync();
    }
}
