using Microsoft.CodeAnalysis.Testing;
using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>
/// SPG0109: [SocketPairChannel] on something other than an interface (the compiler already rejects that with
/// CS0592, from the attribute's AttributeUsage), or on a file-local interface or one in a file-local type, which the
/// generated file cannot extend. An interface nested in a generic type is generic: SPG0103.
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
    public Task AttributeOnAClass_MessageReadsAsEnglish() => VerifyAsync(
        """
        [{|#1:SocketPairChannel|}]
        public partial class {|#0:Calculator|}
        {
        }
        """,
        Diagnostic("SPG0109", 0, "Calculator", "a class")
            .WithMessage("[SocketPairChannel] applies to interfaces, but 'Calculator' is a class"),
        DiagnosticResult.CompilerError("CS0592").WithLocation(1).WithArguments("SocketPairChannel", "interface"));

    [Fact]
    public Task FileLocalInterface_ReportedOnItsIdentifier() => VerifyAsync(
        """
        [SocketPairChannel]
        file partial interface {|#0:IService|}
        {
            int Count();
        }
        """,
        Diagnostic("SPG0109", 0, "IService", "a file-local interface, which the generated code (a file of its own) cannot extend"));

    [Fact]
    public Task InterfaceInAFileLocalType_ReportedOnItsIdentifier() => VerifyAsync(
        """
        file static partial class Outer
        {
            [SocketPairChannel]
            public partial interface {|#0:IService|}
            {
                int Count();
            }
        }
        """,
        Diagnostic("SPG0109", 0, "IService", "an interface nested in the file-local type 'Outer', which the generated code (a file of its own) cannot extend"));
}
