using SocketPairGen.CodeFixes;

namespace SocketPairGen.Analyzers.Tests.CodeFixes;

public class AddPartialCodeFixProviderTests
{
    [Fact]
    public async Task InterfaceWithoutModifiers_GetsPartialBeforeInterfaceKeyword()
    {
        const string source = """
            using SocketPairGen;

            namespace App;

            /// <summary>The contract.</summary>
            [SocketPairChannel]
            interface {|SPG0100:ICalculator|}
            {
                int Add(int a, int b);
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            namespace App;

            /// <summary>The contract.</summary>
            [SocketPairChannel]
            partial interface ICalculator
            {
                int Add(int a, int b);
            }
            """;

        await new ContractCodeFixTest<AddPartialCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task InterfaceWithAccessibility_GetsPartialAfterAccessibility()
    {
        const string source = """
            using SocketPairGen;

            [SocketPairChannel]
            public interface {|SPG0100:ICalculator|}
            {
                int Add(int a, int b);
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface ICalculator
            {
                int Add(int a, int b);
            }
            """;

        await new ContractCodeFixTest<AddPartialCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task StaticContainingClass_GetsPartialAfterStatic()
    {
        const string source = """
            using SocketPairGen;

            public static class {|SPG0100:Contracts|}
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            public static partial class Contracts
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """;

        await new ContractCodeFixTest<AddPartialCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task ContainingRecordStruct_GetsPartialBeforeRecord()
    {
        const string source = """
            using SocketPairGen;

            internal readonly record struct {|SPG0100:Host|}
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            internal readonly partial record struct Host
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """;

        await new ContractCodeFixTest<AddPartialCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task TwoContainingTypesAndInterface_FixAllMakesEveryDeclarationPartial()
    {
        const string source = """
            using SocketPairGen;

            public class {|SPG0100:Outer|}
            {
                // The middle type.
                sealed class {|SPG0100:Middle|}
                {
                    [SocketPairChannel]
                    internal interface {|SPG0100:ICalculator|}
                    {
                        int Add(int a, int b);
                    }
                }
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            public partial class Outer
            {
                // The middle type.
                sealed partial class Middle
                {
                    [SocketPairChannel]
                    internal partial interface ICalculator
                    {
                        int Add(int a, int b);
                    }
                }
            }
            """;

        await new ContractCodeFixTest<AddPartialCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task TwoContractsInOneContainingType_ReportedOnceAndFixed()
    {
        const string source = """
            using SocketPairGen;

            class {|SPG0100:Contracts|}
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }

                [SocketPairChannel]
                public partial interface IClock
                {
                    long Now();
                }
            }
            """;
        const string fixedSource = """
            using SocketPairGen;

            partial class Contracts
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }

                [SocketPairChannel]
                public partial interface IClock
                {
                    long Now();
                }
            }
            """;

        await new ContractCodeFixTest<AddPartialCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task DeclarationsInTwoDocuments_FixAllMakesBothPartial()
    {
        const string first = """
            using SocketPairGen;

            public class {|SPG0100:Outer|}
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """;
        const string second = """
            using SocketPairGen;

            public static class {|SPG0100:Others|}
            {
                [SocketPairChannel]
                public interface {|SPG0100:IClock|}
                {
                    long Now();
                }
            }
            """;
        const string firstFixed = """
            using SocketPairGen;

            public partial class Outer
            {
                [SocketPairChannel]
                public partial interface ICalculator
                {
                    int Add(int a, int b);
                }
            }
            """;
        var test = new ContractCodeFixTest<AddPartialCodeFixProvider>(first, firstFixed);
        test.TestState.Sources.Add(second);
        test.FixedState.Sources.Add("""
            using SocketPairGen;

            public static partial class Others
            {
                [SocketPairChannel]
                public partial interface IClock
                {
                    long Now();
                }
            }
            """);

        await test.RunAsync();
    }
}
