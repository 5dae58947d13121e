namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// The parameter syntax a contract may use beyond plain parameters: <c>params</c> arrays and spans, <c>scoped</c>
/// spans, <c>in</c> and <c>ref readonly</c>, default values of every kind. The proxy implements each method with the
/// same signature, so they compile without a diagnostic.
/// </summary>
public class ParameterModifierTests
{
    [Theory]
    [InlineData("int Sum(params int[] values);")]
    [InlineData("int Sum(params ReadOnlySpan<int> values);")]
    [InlineData("int Sum(scoped ReadOnlySpan<byte> data);")]
    [InlineData("int Sum(scoped Span<byte> data, in long start, ref readonly int count);")]
    [InlineData("int Sum(int a = 1, long b = -2, Mode mode = Mode.Fast, Mode? other = null, string? text = null, double d = double.NaN, char c = '\\'', decimal m = 1.5m);")]
    [InlineData("Task<int> SumAsync(int a = default, string text = \"x\\ny\", CancellationToken cancellationToken = default);")]
    public void ParameterSyntax_Compiles(string method)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation($$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;
            namespace Modifiers;
            /// <summary>A mode.</summary>
            public enum Mode
            {
                /// <summary>Slow.</summary>
                Slow,

                /// <summary>Fast.</summary>
                Fast,
            }

            /// <summary>A contract.</summary>
            [SocketPairChannel]
            public partial interface IModifiers
            {
            #pragma warning disable CS1591 // the method's documentation is not what is tested
                {{method}}
            #pragma warning restore CS1591
            }
            """));

        run.AssertCompilesCleanly();
        Assert.Single(run.Sources);
    }
}
