namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// <c>[InlineArray(n)]</c> structs: the compiler declares one field and the runtime repeats it n times, so the
/// struct's size is n elements, not one. They travel as n elements, each checked like a fixed-size buffer's.
/// </summary>
public class InlineArrayTests
{
    private const string Contract = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace App;

        /// <summary>Four ints.</summary>
        [InlineArray(4)]
        public struct Four
        {
            private int _element;
        }

        /// <summary>Three bools: each element is checked, not only the one the compiler declared.</summary>
        [InlineArray(3)]
        public struct ThreeFlags
        {
            private bool _element;
        }

        /// <summary>An inline array inside a struct, after a byte.</summary>
        public struct Holder
        {
            /// <summary>A tag.</summary>
            public byte Tag;

            /// <summary>The values.</summary>
            public Four Values;
        }

        /// <summary>Inline arrays as parameters, results, fields and block elements.</summary>
        [SocketPairChannel]
        public partial interface IInline
        {
            /// <summary>Doubles each element.</summary>
            /// <param name="values">The values.</param>
            /// <returns>The doubled values.</returns>
            Four Twice(Four values);

            /// <summary>Adds one to the tag and to each value.</summary>
            /// <param name="holder">The holder.</param>
            /// <returns>The new holder.</returns>
            Holder Next(Holder holder);

            /// <summary>Sums every element of every array.</summary>
            /// <param name="arrays">The arrays.</param>
            /// <returns>The sum.</returns>
            int Sum(ReadOnlyMemory<Four> arrays);

            /// <summary>Counts the flags that are set.</summary>
            /// <param name="flags">The flags.</param>
            /// <returns>How many are set.</returns>
            int Count(ThreeFlags flags);
        }

        /// <summary>The server.</summary>
        public sealed class Inline : IInline
        {
            /// <inheritdoc/>
            public Four Twice(Four values)
            {
                Four result = default;
                for (int i = 0; i < 4; i++) { result[i] = values[i] * 2; }
                return result;
            }

            /// <inheritdoc/>
            public Holder Next(Holder holder)
            {
                holder.Tag++;
                for (int i = 0; i < 4; i++) { holder.Values[i]++; }
                return holder;
            }

            /// <inheritdoc/>
            public int Sum(ReadOnlyMemory<Four> arrays)
            {
                int sum = 0;
                foreach (Four four in arrays.Span) { foreach (int value in four) { sum += value; } }
                return sum;
            }

            /// <inheritdoc/>
            public int Count(ThreeFlags flags)
            {
                int count = 0;
                foreach (bool flag in flags) { count += flag ? 1 : 0; }
                return count;
            }
        }

        /// <summary>Calls the server through a real socket pair.</summary>
        public static class Program
        {
            /// <summary>The results, as text.</summary>
            /// <returns>The text.</returns>
            public static string Run()
            {
                (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
                Task serving = IInline.ServeAsync(serverEnd, new Inline());
                string text;
                using (IInline.Client client = IInline.Connect(clientEnd))
                {
                    Four four = default;
                    for (int i = 0; i < 4; i++) { four[i] = i + 1; }
                    Four twice = client.Twice(four);
                    Holder next = client.Next(new Holder { Tag = 7, Values = four });
                    int sum = client.Sum(new[] { four, twice });
                    ThreeFlags flags = default;
                    flags[0] = true;
                    flags[2] = true;
                    int count = client.Count(flags);
                    // A bool that is neither 0 nor 1 in the last element is refused before anything is written.
                    Unsafe.As<ThreeFlags, byte>(ref flags) = 1;
                    Unsafe.Add(ref Unsafe.As<ThreeFlags, byte>(ref flags), 2) = 2;
                    string refused;
                    try
                    {
                        client.Count(flags);
                        refused = "sent";
                    }
                    catch (ArgumentException exception)
                    {
                        refused = exception.Message;
                    }

                    text = $"{twice[0]},{twice[1]},{twice[2]},{twice[3]} {next.Tag}:{next.Values[0]},{next.Values[3]} {sum} {count} {client.Count(default)}|{refused}";
                }

                serving.Wait(TimeSpan.FromSeconds(10));
                return text;
            }
        }
        """;

    [Fact]
    public void InlineArrayParameterResultFieldAndElement_RoundTrip()
    {
        string[] result = RoundTrip.Run(Contract).Split('|');

        Assert.Equal("2,4,6,8 8:2,5 30 2 0", result[0]);
        Assert.Contains("App.ThreeFlags._element[2]", result[1], StringComparison.Ordinal);
    }

    [Fact]
    public void InlineArrayLengthChanged_ChangesFingerprint()
    {
        const string source = """
            using SocketPairGen;
            namespace Prints;
            [System.Runtime.CompilerServices.InlineArray(4)]
            public struct Row { private int _element; }
            [SocketPairChannel]
            public partial interface IRows { void Put(Row row); }
            """;

        Assert.NotEqual(
            FingerprintTests.FingerprintOf(source),
            FingerprintTests.FingerprintOf(FingerprintTests.Edit(source, "InlineArray(4)", "InlineArray(5)")));
    }
}
