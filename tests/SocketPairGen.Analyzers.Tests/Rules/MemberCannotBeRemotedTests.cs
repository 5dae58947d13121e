using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0104: members other than abstract instance methods, reported on their name (base interfaces on the base list).</summary>
public class MemberCannotBeRemotedTests
{
    [Fact]
    public Task Property_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int {|#0:Value|} { get; set; }
        }
        """,
        Diagnostic("SPG0104", 0, "Value", "a property"));

    [Fact]
    public Task Indexer_ReportedOnThisKeyword() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int {|#0:this|}[int index] { get; }
        }
        """,
        Diagnostic("SPG0104", 0, "this[]", "an indexer"));

    [Fact]
    public Task Event_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            event EventHandler? {|#0:Changed|};
        }
        """,
        Diagnostic("SPG0104", 0, "Changed", "an event"));

    [Fact]
    public Task EventWithAccessors_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            event EventHandler {|#0:Changed|}
            {
                add { }
                remove { }
            }
        }
        """,
        Diagnostic("SPG0104", 0, "Changed", "an event"));

    [Fact]
    public Task MethodWithDefaultBody_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int Add(int a, int b);

            int {|#0:Increment|}(int a) => Add(a, 1);
        }
        """,
        Diagnostic("SPG0104", 0, "Increment", "a method with a default body"));

    [Fact]
    public Task StaticAbstractMethod_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            static abstract int {|#0:Create|}();
        }
        """,
        Diagnostic("SPG0104", 0, "Create", "a static abstract member"));

    [Fact]
    public Task StaticVirtualMethod_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            static virtual int {|#0:Create|}() => 1;
        }
        """,
        Diagnostic("SPG0104", 0, "Create", "a static virtual member"));

    [Fact]
    public Task StaticAbstractProperty_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            static abstract int {|#0:Limit|} { get; }
        }
        """,
        Diagnostic("SPG0104", 0, "Limit", "a static abstract member"));

    [Fact]
    public Task BaseInterface_ReportedOnTheBaseType() => VerifyAsync(
        """
        public interface IBase
        {
            void Ping();
        }

        [SocketPairChannel]
        public partial interface IService : {|#0:IBase|}
        {
            int Add(int a, int b);
        }
        """,
        Diagnostic("SPG0104", 0, "IBase", "a base interface (members inherited from other interfaces cannot be remoted)"));

    [Fact]
    public Task TwoBaseInterfaces_EachReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService : {|#0:IDisposable|}, {|#1:IComparable<int>|}
        {
            int Add(int a, int b);
        }
        """,
        Diagnostic("SPG0104", 0, "IDisposable", "a base interface (members inherited from other interfaces cannot be remoted)"),
        Diagnostic("SPG0104", 1, "IComparable", "a base interface (members inherited from other interfaces cannot be remoted)"));

    [Fact]
    public Task PrivateInstanceHelper_ReportedAsADefaultBody() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            int Add(int a, int b);

            private int {|#0:Twice|}(int a) => Add(a, a);
        }
        """,
        Diagnostic("SPG0104", 0, "Twice", "a method with a default body"));

    [Fact]
    public Task StaticAbstractEvent_ReportedOnItsName() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            static abstract event EventHandler? {|#0:Changed|};
        }
        """,
        Diagnostic("SPG0104", 0, "Changed", "a static abstract member"));
}
