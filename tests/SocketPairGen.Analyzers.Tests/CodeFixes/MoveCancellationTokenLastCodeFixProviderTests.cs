using SocketPairGen.CodeFixes;

namespace SocketPairGen.Analyzers.Tests.CodeFixes;

public class MoveCancellationTokenLastCodeFixProviderTests
{
    [Fact]
    public async Task TokenFirst_TokenMovesLast()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task<int> RunAsync({|SPG0106:CancellationToken cancellationToken|}, int steps, string name);
            }
            """;
        const string fixedSource = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task<int> RunAsync(int steps, string name, CancellationToken cancellationToken);
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task TokenWithDefaultBeforeRequiredParameter_TokenMovesWithItsDefault()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(int steps, {|SPG0106:CancellationToken cancellationToken = default|}, int retries{|CS1737:)|};
            }
            """;
        const string fixedSource = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(int steps, int retries, CancellationToken cancellationToken = default);
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task OneParameterPerLine_TokenMovesWithItsAttributeAndDefaultAndLayoutIsKept()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(
                    {|SPG0106:[SuppressMessage("Usage", "CA0000")] CancellationToken cancellationToken = default|},
                    int steps = 1,
                    long budget = 10);
            }
            """;
        const string fixedSource = """
            using System.Diagnostics.CodeAnalysis;
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(
                    int steps = 1,
                    long budget = 10,
                    [SuppressMessage("Usage", "CA0000")] CancellationToken cancellationToken = default);
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task TokensMisplacedInTwoMethods_FixAllMovesBoth()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync({|SPG0106:CancellationToken cancellationToken|}, int steps);

                ValueTask<string> NameAsync(int id, {|SPG0106:CancellationToken token = default|}, bool full = false);
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

                ValueTask<string> NameAsync(int id, bool full = false, CancellationToken token = default);
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, fixedSource).RunAsync();
    }

    [Fact]
    public async Task TwoTokens_FixIsNotOfferedForEither()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync(int steps, {|SPG0106:CancellationToken first|}, {|SPG0106:CancellationToken second|});
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, source).RunAsync();
    }

    [Fact]
    public async Task TokenBeforeParamsArray_FixIsNotOffered()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync({|SPG0106:CancellationToken cancellationToken|}, params int[] steps);
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, source).RunAsync();
    }

    [Fact]
    public async Task RequiredTokenBeforeOptionalParameter_FixIsNotOffered()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using SocketPairGen;

            [SocketPairChannel]
            public partial interface IWorker
            {
                Task RunAsync({|SPG0106:CancellationToken cancellationToken|}, int steps = 1);
            }
            """;

        await new ContractCodeFixTest<MoveCancellationTokenLastCodeFixProvider>(source, source).RunAsync();
    }
}
