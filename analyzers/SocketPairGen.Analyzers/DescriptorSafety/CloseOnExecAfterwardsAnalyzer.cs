using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0008: <c>fcntl(fd, F_SETFD, FD_CLOEXEC)</c> on a descriptor that a creating call in the same method made
/// without the flag. Between the two calls a spawn on another thread inherits the descriptor. Reported on the fcntl,
/// with the creating call as additional location (the code fix folds the flag into it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CloseOnExecAfterwardsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.CloseOnExecSetAfterwards];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Without interop there is no fcntl to call.
            if (start.Compilation.GetTypeByMetadataName("System.Runtime.InteropServices.DllImportAttribute") is null)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (CreatorOf(invocation) is var (call, creator) && !PlatformScope.IsOnlyElsewhere(invocation))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CloseOnExecSetAfterwards, invocation.Syntax.GetLocation(), [call.Syntax.GetLocation()], creator.Name));
        }
    }

    /// <summary>
    /// When <paramref name="invocation"/> is an <c>fcntl(fd, F_SETFD, FD_CLOEXEC)</c> that SPG0008 flags: the call
    /// that created <c>fd</c> without the flag. Shared with the code fix, which removes every such fcntl of a creator.
    /// </summary>
    internal static (IInvocationOperation Call, DescriptorCreator Creator)? CreatorOf(IInvocationOperation invocation)
    {
        if (LibcCall.FunctionName(invocation) != "fcntl" || invocation.Arguments.Length < 3)
        {
            return null;
        }

        IOperation? descriptor = InvocationArguments.ValueOf(invocation, 0);
        if (ConstantValues.Of(InvocationArguments.ValueOf(invocation, 1)) != LinuxFlags.FcntlSetFd
            || ConstantValues.HasFlag(InvocationArguments.ValueOf(invocation, 2), LinuxFlags.FdCloseOnExec) != true
            || descriptor is null
            || DescriptorOrigin.Of(descriptor) is not var (call, creator))
        {
            return null;
        }

        // A creator that already had the flag leaves no window; one whose flags are unknown might have it. A copy fcntl
        // makes is SPG0005's, whose fix (F_DUPFD_CLOEXEC) is not a fold of flags.
        if (creator.Name == "fcntl"
            || creator.FlagsOrdinal is int flags && ConstantValues.HasFlag(InvocationArguments.ValueOf(call, flags), creator.CloseOnExec) != false)
        {
            return null;
        }

        return (call, creator);
    }
}
