namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Tuples of 8 elements or more (which C# nests as <c>ValueTuple&lt;T1, …, T7, TRest&gt;</c>) cross the wire as their
/// elements one after the other, as any tuple: a real compilation of a contract that takes and returns them compiles
/// cleanly and round-trips them over a real socket pair, a bool and an enum past the seventh element included.
/// </summary>
public class LongTupleTests
{
    private const string Contract = """
        using System;
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace App;

        /// <summary>A small enum.</summary>
        public enum Mood : byte
        {
            /// <summary>Calm.</summary>
            Calm = 1,
            /// <summary>Busy.</summary>
            Busy = 2,
        }

        /// <summary>Long tuples both ways.</summary>
        [SocketPairChannel]
        public partial interface ITuples
        {
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            (int, int, int, int, int, int, int, bool) Eight((int, int, int, int, int, int, int, bool) value);

            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            ValueTask<(byte A, short B, int C, long D, float E, double F, char G, Mood H, Guid I)?> NineAsync((byte A, short B, int C, long D, float E, double F, char G, Mood H, Guid I) value);

            /// <summary>A method.</summary><param name="value">A value.</param><param name="last">A value.</param><returns>A value.</returns>
            (int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int) Sixteen((int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int) value, int last);
        }

        /// <summary>Runs the methods over a real socket pair.</summary>
        public sealed class Tuples : ITuples
        {
            /// <inheritdoc/>
            public (int, int, int, int, int, int, int, bool) Eight((int, int, int, int, int, int, int, bool) value) =>
                (value.Item1 + 1, value.Item2 + 1, value.Item3 + 1, value.Item4 + 1, value.Item5 + 1, value.Item6 + 1, value.Item7 + 1, !value.Item8);

            /// <inheritdoc/>
            public ValueTask<(byte A, short B, int C, long D, float E, double F, char G, Mood H, Guid I)?> NineAsync((byte A, short B, int C, long D, float E, double F, char G, Mood H, Guid I) value) =>
                new(value with { H = value.H == Mood.Calm ? Mood.Busy : Mood.Calm });

            /// <inheritdoc/>
            public (int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int) Sixteen((int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int) value, int last) =>
                value with { Item16 = last };

            /// <summary>Calls every method through a generated channel.</summary>
            /// <returns>The results, printed.</returns>
            public static string Run()
            {
                var (first, second) = SocketPair.Create();
                Task server = ITuples.ServeAsync(second, new Tuples());
                using ITuples.Client client = ITuples.Connect(first);
                var guid = new Guid("00112233-4455-6677-8899-aabbccddeeff");
                var sixteen = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
                return string.Join(" | ",
                    client.Eight((1, 2, 3, 4, 5, 6, 7, true)).ToString(),
                    client.NineAsync((1, 2, 3, 4, 5.5f, 6.5, 'g', Mood.Calm, guid)).AsTask().Result.ToString(),
                    client.Sixteen(sixteen, 17).ToString());
            }
        }
        """;

    [Fact]
    public void TuplesOfEightToSixteenElements_CompileCleanly_AndRoundTrip()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Contract)).AssertCompilesCleanly();
        byte[] image = EmittedAssemblies.Emit(run.Output);
        string? result = null;
        EmittedAssemblies.Run(app => result = (string?)app.GetType("App.Tuples", throwOnError: true)!.GetMethod("Run")!.Invoke(null, null), image);
        Assert.Equal(
            "(2, 3, 4, 5, 6, 7, 8, False) | (1, 2, 3, 4, 5.5, 6.5, g, Busy, 00112233-4455-6677-8899-aabbccddeeff) | (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17)",
            result);
    }
}
