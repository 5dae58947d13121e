namespace SocketPairGen.Generator.Tests.Edges;

/// <summary>
/// Names that are C# keywords (written <c>@class</c> in source) for the namespace, the containing types, the contract
/// and its methods: the generated code spells them as source does, and the channel works; the wire and the messages
/// use the plain names.
/// </summary>
public class KeywordNameTests
{
    private const string Contract = """
        using System.Net.Sockets;
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace @event.@object
        {
            /// <summary>A struct named like a keyword.</summary>
            public struct @record
            {
                /// <summary>A field named like a keyword.</summary>
                public int @int;

                /// <summary>A bool, so the struct is validated field by field.</summary>
                public bool @bool;
            }

            /// <summary>An enum named like a keyword.</summary>
            public enum @enum
            {
                /// <summary>Zero.</summary>
                @null,

                /// <summary>One.</summary>
                @true,
            }

            /// <summary>A containing type named like a keyword.</summary>
            public static partial class @struct
            {
                /// <summary>A contract named like a keyword.</summary>
                [SocketPairChannel]
                public partial interface @class
                {
                    /// <summary>Adds.</summary>
                    /// <param name="a">One.</param>
                    /// <param name="b">Two.</param>
                    /// <returns>The sum.</returns>
                    int Add(int a, int b);

                    /// <summary>A method named like a keyword.</summary>
                    /// <param name="value">A value.</param>
                    /// <returns>The value, negated.</returns>
                    int @return(int value);

                    /// <summary>An awaited method named like a keyword.</summary>
                    /// <param name="value">A value.</param>
                    /// <returns>The value, doubled.</returns>
                    Task<int> @default(int value);

                    /// <summary>A struct and an enum named like keywords, with a field named like one.</summary>
                    /// <param name="value">A value.</param>
                    /// <param name="kind">A kind.</param>
                    /// <returns>The value with the kind's number added.</returns>
                    @record Shift(@record value, @enum kind);
                }

                /// <summary>The server.</summary>
                public sealed class Server : @class
                {
                    /// <inheritdoc/>
                    public int Add(int a, int b) => a + b;

                    /// <inheritdoc/>
                    public int @return(int value) => -value;

                    /// <inheritdoc/>
                    public Task<int> @default(int value) => Task.FromResult(value * 2);

                    /// <inheritdoc/>
                    public @record Shift(@record value, @enum kind) => new @record { @int = value.@int + (int)kind, @bool = !value.@bool };
                }
            }
        }

        namespace App
        {
            using @event.@object;

            /// <summary>Calls the server through a real socket pair.</summary>
            public static class Program
            {
                /// <summary>The results and the contract's name on the wire, as text.</summary>
                /// <returns>The text.</returns>
                public static string Run()
                {
                    (Socket clientEnd, Socket serverEnd) = SocketPair.Create();
                    Task serving = @struct.@class.ServeAsync(serverEnd, new @struct.Server());
                    string text;
                    using (@struct.@class.Client client = @struct.@class.Connect(clientEnd))
                    {
                        text = $"{client.Add(2, 3)} {client.@return(7)} {client.@default(21).Result} {client.Shift(new @record { @int = 40 }, @enum.@true).@int} {@struct.@class.Client.Contract.Name}";
                    }

                    serving.Wait(System.TimeSpan.FromSeconds(10));
                    return text;
                }
            }
        }
        """;

    [Fact]
    public void KeywordNamespaceContainingTypeContractAndMethods_RoundTrip()
    {
        Assert.Equal("5 -7 42 41 event.object.struct.class", RoundTrip.Run(Contract));
    }

    [Fact]
    public void KeywordNames_FileNamedWithThePlainName()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Contract));

        Assert.Equal("event.object.struct.class.SocketPair.g.cs", Assert.Single(run.Sources).HintName);
    }
}
