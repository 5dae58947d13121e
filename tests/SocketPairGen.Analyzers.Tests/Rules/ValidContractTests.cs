using System.Runtime.CompilerServices;
using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>Valid contracts: not a single diagnostic.</summary>
public class ValidContractTests
{
    [Fact]
    public Task EveryTestContract_NoDiagnostic()
    {
        // The contracts the runtime tests send every supported type through: if the analyzer flagged one of them,
        // the generator would skip it too.
        var test = new ContractAnalyzerTest();
        foreach (string file in new[] { "IEverything.cs", "WireTypes.cs", "IArithmetic.cs" })
        {
            test.TestState.Sources.Add((file, File.ReadAllText(Path.Combine(TestContractsFolder(), file))));
        }

        return test.RunAsync();
    }

    [Fact]
    public Task EveryMethodShape_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IShapes
        {
            void Fire(int value);
            int Get();
            Task RunAsync();
            Task<string> NameAsync(int id);
            ValueTask PingAsync();
            ValueTask<long?> MaybeAsync(long? value);
            (int Count, bool Done) Status();
        }
        """);

    [Fact]
    public Task CancellationTokenLastWithDefault_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            Task<int> DelayAsync(int milliseconds, CancellationToken cancellationToken = default);
            ValueTask WaitAsync(CancellationToken cancellationToken);
            int Compute(int value, CancellationToken token = default(CancellationToken));
        }
        """);

    [Fact]
    public Task InAndRefReadonlyParameters_NoDiagnostic() => VerifyAsync(
        """
        public struct Matrix
        {
            public double M11, M12, M21, M22;
        }

        [SocketPairChannel]
        public partial interface IService
        {
            double Determinant(in Matrix matrix);
            double Trace(ref readonly Matrix matrix, CancellationToken cancellationToken = default);
        }
        """);

    [Fact]
    public Task ParamsArrays_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int Sum(params int[] values);
            string Join(string separator, params char[] letters);
            Task<int> CountAsync(params long[] values);
        }
        """);

    [Fact]
    public Task InternalInterfaceNestedInPartialTypes_NoDiagnostic() => VerifyAsync(
        """
        namespace App.Ipc
        {
            public static partial class Contracts
            {
                internal partial struct Group
                {
                    internal partial record Settings
                    {
                        [SocketPairChannel]
                        internal partial interface IWorker
                        {
                            int Work(int value);
                        }
                    }
                }
            }
        }
        """);

    [Fact]
    public Task PartialInterfaceInSeveralDeclarations_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int Add(int a, int b);
        }

        public partial interface IService
        {
            int Subtract(int a, int b);
        }
        """);

    [Fact]
    public Task StaticNonAbstractHelpers_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            const int Limit = 10;

            static int Calls;

            static int Clamp(int value) => Math.Min(value, Limit);

            static string Name => "service";

            int Add(int a, int b);
        }
        """);

    [Fact]
    public Task NestedTypesInTheContract_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            public enum Mode
            {
                Fast,
                Safe,
            }

            public struct Request
            {
                public int Id;
                public Mode Mode;
            }

            Mode Handle(Request request);
        }
        """);

    [Fact]
    public Task MethodNamesContainingReservedNames_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void ConnectTo(int port);
            void DisposeAll();
            string ClientName();
            bool EqualsAll(int[] values);
        }
        """);

    [Fact]
    public Task NoAttribute_NoDiagnostic() => VerifyAsync(
        """
        public interface IPlain : IDisposable
        {
            object Value { get; }
            ref int Slot();
        }
        """);

    [Fact]
    public Task EmptyContract_NoDiagnostic() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IEmpty
        {
        }
        """);

    private static string TestContractsFolder([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "SocketPairGen.TestContracts"));
}
