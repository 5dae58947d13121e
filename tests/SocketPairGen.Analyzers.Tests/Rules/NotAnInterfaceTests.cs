using Microsoft.CodeAnalysis.Testing;
using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>
/// SPG0109: [SocketPairChannel] on something other than an interface (the compiler already rejects that with
/// CS0592, from the attribute's AttributeUsage) or on an interface nested in a generic type.
/// </summary>
public class NotAnInterfaceTests
{
    [Theory]
    [InlineData("partial class", "a class")]
    [InlineData("partial struct", "a struct")]
    [InlineData("partial record", "a record")]
    [InlineData("partial record struct", "a record struct")]
    [InlineData("class", "a class")]
    public Task AttributeOnAType_CompilerErrorAndReportedOnItsIdentifier(string declaration, string kind) => VerifyAsync(
        $$"""
        [{|#1:SocketPairChannel|}]
        public {{declaration}} {|#0:Calculator|}
        {
        }
        """,
        Diagnostic("SPG0109", 0, "Calculator", kind),
        DiagnosticResult.CompilerError("CS0592").WithLocation(1).WithArguments("SocketPairChannel", "interface"));

    [Fact]
    public Task AttributeOnAnEnum_Reported() => VerifyAsync(
        """
        [{|#1:SocketPairChannel|}]
        public enum {|#0:Mode|}
        {
            Fast,
        }
        """,
        Diagnostic("SPG0109", 0, "Mode", "an enum"),
        DiagnosticResult.CompilerError("CS0592").WithLocation(1).WithArguments("SocketPairChannel", "interface"));

    [Fact]
    public Task AttributeOnADelegate_Reported() => VerifyAsync(
        """
        [{|#1:SocketPairChannel|}]
        public delegate int {|#0:Callback|}(int value);
        """,
        Diagnostic("SPG0109", 0, "Callback", "a delegate"),
        DiagnosticResult.CompilerError("CS0592").WithLocation(1).WithArguments("SocketPairChannel", "interface"));

    [Fact]
    public Task InterfaceNestedInAGenericClass_ReportedOnItsIdentifier()
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = """
                public partial class Repository<TItem>
                {
                    [SocketPairChannel]
                    public partial interface {|#0:IService|}
                    {
                        int Count();
                    }
                }
                """,
        };

        test.ExpectedDiagnostics.Add(Diagnostic("SPG0109", 0, "IService", "an interface nested in the generic type 'Repository'"));
        return test.RunAsync();
    }

    [Fact]
    public Task InterfaceNestedInAGenericClass_NotReportedAsGeneric() => VerifyAsync(
        """
        public partial class Repository<TItem>
        {
            [SocketPairChannel]
            public partial interface {|#0:IService|}
            {
                int Count();
            }
        }
        """,
        Diagnostic("SPG0109", 0, "IService", "an interface nested in the generic type 'Repository'"));

    [Fact]
    public Task InterfaceNestedTwoLevelsInAGenericType_ReportedOnceNamingTheGenericType() => VerifyAsync(
        """
        public partial struct Holder<TItem>
        {
            public partial class Inner
            {
                [SocketPairChannel]
                public partial interface {|#0:IService|}
                {
                    int Count();
                }
            }
        }
        """,
        Diagnostic("SPG0109", 0, "IService", "an interface nested in the generic type 'Holder'"));

    [Fact]
    public Task InterfaceNestedInAGenericClass_MessageReadsAsEnglish()
    {
        var test = new ContractAnalyzerTest
        {
            TestCode = """
                public partial class Repository<TItem>
                {
                    [SocketPairChannel]
                    public partial interface {|#0:IService|}
                    {
                        int Count();
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("SPG0109", 0, "IService", "an interface nested in the generic type 'Repository'")
            .WithMessage("[SocketPairChannel] applies to interfaces not nested in generic types, but 'IService' is an interface nested in the generic type 'Repository'"));
        return test.RunAsync();
    }
}
