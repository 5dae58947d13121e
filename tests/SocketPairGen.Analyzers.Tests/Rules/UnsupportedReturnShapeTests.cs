using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0102: a return shape the channel cannot produce, reported on the return type syntax.</summary>
public class UnsupportedReturnShapeTests
{
    [Fact]
    public Task TaskOfTask_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:Task<Task>|} StartAsync();
        }
        """,
        Diagnostic("SPG0102", 0, "StartAsync", "Task<Task>", "a task of a task; return the inner result instead"));

    [Fact]
    public Task ValueTaskOfTaskOfT_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:ValueTask<Task<int>>|} StartAsync();
        }
        """,
        Diagnostic("SPG0102", 0, "StartAsync", "ValueTask<Task<int>>", "a task of a task; return the inner result instead"));

    [Fact]
    public Task Enumerable_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:IEnumerable<int>|} Numbers();
        }
        """,
        Diagnostic("SPG0102", 0, "Numbers", "IEnumerable<int>", "a sequence is not a value; return an array of its items"));

    [Fact]
    public Task AsyncEnumerable_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:IAsyncEnumerable<int>|} NumbersAsync();
        }
        """,
        Diagnostic("SPG0102", 0, "NumbersAsync", "IAsyncEnumerable<int>", "a sequence is not a value; return an array of its items"));

    [Fact]
    public Task RefReturn_ReportedOnTheRefType() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:ref int|} Slot(int index);
        }
        """,
        Diagnostic("SPG0102", 0, "Slot", "ref int", "a ref return cannot point into another process"));

    [Fact]
    public Task RefReadonlyReturn_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:ref readonly long|} Slot(int index);
        }
        """,
        Diagnostic("SPG0102", 0, "Slot", "ref readonly long", "a ref return cannot point into another process"));

    [Fact]
    public Task ReadOnlySpanReturn_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:ReadOnlySpan<byte>|} Read(int count);
        }
        """,
        Diagnostic("SPG0102", 0, "Read", "ReadOnlySpan<byte>",
            "a span cannot be returned (it would point into the channel's buffer); return an array or a ReadOnlyMemory<T>"));

    [Fact]
    public Task SpanReturn_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:Span<int>|} Read(int count);
        }
        """,
        Diagnostic("SPG0102", 0, "Read", "Span<int>",
            "a span cannot be returned (it would point into the channel's buffer); return an array or a ReadOnlyMemory<T>"));

    [Fact]
    public Task OtherAwaitable_Reported() => VerifyAsync(
        """
        using System.Runtime.CompilerServices;

        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:ConfiguredTaskAwaitable|} WaitAsync();
        }
        """,
        Diagnostic("SPG0102", 0, "WaitAsync", "ConfiguredTaskAwaitable", "only Task, Task<T>, ValueTask and ValueTask<T> are awaited by the channel"));
}
