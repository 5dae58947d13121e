using System.Reflection;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// Generated members and types must never clash with a contract's own: methods and nested types named like what the
/// generator emits (its container, channel field, requests, dispatcher, contract identity) compile and run, and a contract that uses
/// obsolete types and members compiles without the obsolete warnings inside generated code.
/// </summary>
public class GeneratedNameTests
{
    private const string Contract = """
        using System;
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace App;

        /// <summary>An obsolete type on the wire.</summary>
        [Obsolete("old")]
        public enum OldKind
        {
            /// <summary>A.</summary>
            A,
            /// <summary>B.</summary>
            B,
        }

        /// <summary>Methods named like generated code.</summary>
        [SocketPairChannel]
        public partial interface INames
        {
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int IntReply(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int Add0Request(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int AddRequest(int value);
            /// <summary>A method.</summary><param name="AddRequest">A value.</param><returns>A value.</returns>
            int Add(int AddRequest);
            /// <summary>A method.</summary><param name="request">A value.</param><param name="call">A value.</param><param name="payload">A value.</param><returns>A value.</returns>
            int Dispatch(int request, int call, int payload);
            /// <summary>A method.</summary><returns>A value.</returns>
            string WireRequest();
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            Task<int> ReadArguments(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int _channel(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int Wire(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int Contract(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int CreateContract(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int Dispatcher(int value);
            /// <summary>A method.</summary><param name="value">A value.</param><returns>A value.</returns>
            int Codec(int value);
            /// <summary>A method.</summary><param name="kind">A value.</param><returns>A value.</returns>
            [Obsolete("old")]
            OldKind Flip(OldKind kind);
        }

        #pragma warning disable CS0618 // the implementation uses the obsolete enum on purpose
        /// <summary>Runs every method over a real socket pair.</summary>
        public sealed class Names : INames
        {
            /// <inheritdoc/>
            public int IntReply(int value) => value + 1;
            /// <inheritdoc/>
            public int Add0Request(int value) => value + 2;
            /// <inheritdoc/>
            public int AddRequest(int value) => value + 3;
            /// <inheritdoc/>
            public int Add(int AddRequest) => AddRequest + 4;
            /// <inheritdoc/>
            public int Dispatch(int request, int call, int payload) => request + call + payload;
            /// <inheritdoc/>
            public string WireRequest() => "contract";
            /// <inheritdoc/>
            public Task<int> ReadArguments(int value) => Task.FromResult(value + 7);
            /// <inheritdoc/>
            public int _channel(int value) => value + 8;
            /// <inheritdoc/>
            public int Wire(int value) => value + 9;
            /// <inheritdoc/>
            public int Contract(int value) => value + 10;
            /// <inheritdoc/>
            public int CreateContract(int value) => value + 11;
            /// <inheritdoc/>
            public int Dispatcher(int value) => value + 12;
            /// <inheritdoc/>
            public int Codec(int value) => value + 13;
            /// <inheritdoc/>
            public OldKind Flip(OldKind kind) => kind == OldKind.A ? OldKind.B : OldKind.A;

            /// <summary>Calls every method through a generated channel.</summary>
            /// <returns>The results, joined.</returns>
            public static string Run()
            {
                var (first, second) = SocketPair.Create();
                Task server = INames.ServeAsync(second, new Names());
                using (INames.Client client = INames.Connect(first))
                {
                    return string.Join(",", client.IntReply(0), client.Add0Request(0), client.AddRequest(0), client.Add(0), 5,
                        client.Dispatch(1, 2, 3), client.WireRequest(), client.ReadArguments(0).Result, client._channel(0), client.Wire(0),
                        client.Contract(0), client.CreateContract(0), client.Dispatcher(0), client.Codec(0), client.Flip(OldKind.A));
                }
            }
        }
        """;

    [Fact]
    public void MethodsNamedLikeGeneratedCode_AndObsoleteTypes_CompileCleanly_AndRun()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Contract)).AssertCompilesCleanly();
        byte[] image = EmittedAssemblies.Emit(run.Output);
        string? result = null;
        EmittedAssemblies.Run(app => result = (string?)app.GetType("App.Names", throwOnError: true)!.GetMethod("Run")!.Invoke(null, null), image);
        Assert.Equal("1,2,3,4,5,6,contract,7,8,9,10,11,12,13,B", result);
    }

    private const string NestedTypesContract = """
        using System.Threading.Tasks;
        using SocketPairGen;

        namespace App;

        /// <summary>Types nested in the contract, named like generated code.</summary>
        [SocketPairChannel]
        public partial interface INested
        {
            /// <summary>A nested struct on the wire.</summary>
            public struct Wire
            {
                /// <summary>A value.</summary>
                public int Value;
            }

            /// <summary>A nested class named like the channel field.</summary>
            public static class _channel
            {
                /// <summary>A value.</summary>
                public const int Offset = 10;
            }

            /// <summary>A method.</summary><param name="wire">A value.</param><returns>A value.</returns>
            Wire Next(Wire wire);
        }

        /// <summary>Runs the method over a real socket pair.</summary>
        public sealed class Nested : INested
        {
            /// <inheritdoc/>
            public INested.Wire Next(INested.Wire wire) => new() { Value = wire.Value + INested._channel.Offset };

            /// <summary>Calls the method through a generated channel.</summary>
            /// <returns>The result.</returns>
            public static int Run()
            {
                var (first, second) = SocketPair.Create();
                Task server = INested.ServeAsync(second, new Nested());
                using INested.Client client = INested.Connect(first);
                return client.Next(new INested.Wire { Value = 1 }).Value;
            }
        }
        """;

    [Fact]
    public void TypesNestedInTheContract_NamedLikeGeneratedCode_CompileCleanly_AndRun()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(NestedTypesContract)).AssertCompilesCleanly();
        byte[] image = EmittedAssemblies.Emit(run.Output);
        int? result = null;
        EmittedAssemblies.Run(app => result = (int?)app.GetType("App.Nested", throwOnError: true)!.GetMethod("Run")!.Invoke(null, null), image);
        Assert.Equal(11, result);
        EmittedAssemblies.Run(
            app =>
            {
                Type client = app.GetType("App.INested+Client", throwOnError: true)!;
                Assert.Equal(["Wire2"], client.GetNestedTypes(BindingFlags.NonPublic).Select(t => t.Name)); // the contract nests a Wire
                Assert.Equal(["_channel2"], client.GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Select(f => f.Name)); // and a _channel
            },
            image);
    }

    [Fact]
    public void GeneratedHelpers_AreHiddenFromIntelliSense()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Contract)).AssertCompilesCleanly();
        byte[] image = EmittedAssemblies.Emit(run.Output);
        EmittedAssemblies.Run(
            app =>
            {
                Type client = app.GetType("App.INames+Client", throwOnError: true)!;
                Type container = client.GetNestedTypes(BindingFlags.NonPublic).Single(t => t.Name.StartsWith("Wire", StringComparison.Ordinal));
                Assert.Equal("Wire2", container.Name); // the contract has a method named Wire
                Assert.Equal(System.ComponentModel.EditorBrowsableState.Never, container.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>()!.State);
            },
            image);
    }
}
