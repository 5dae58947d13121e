using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0001-SPG0007: a libc call that creates a descriptor without close-on-exec. Calls are recognised by the
/// function they reach (<see cref="LibcCall"/>), flags by their value (<see cref="ConstantValues"/>); a flags
/// argument whose value cannot be known is never reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CloseOnExecAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.SocketWithoutCloseOnExec,
        Descriptors.AcceptWithoutCloseOnExec,
        Descriptors.PipeWithoutCloseOnExec,
        Descriptors.OpenWithoutCloseOnExec,
        Descriptors.DupWithoutCloseOnExec,
        Descriptors.SpecialDescriptorWithoutCloseOnExec,
        Descriptors.RecvmsgWithoutCloseOnExec,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (RuleFor(invocation) is not { } rule)
        {
            return;
        }

        if (rule.HasFlagParameter)
        {
            IArgumentOperation? flags = LibcCall.Argument(invocation, rule.FlagParameter);
            if (ConstantValues.HasFlag(flags, rule.Flag) is not false)
            {
                return; // the flag is there, or the value cannot be known: never a guess
            }

            if (rule.Descriptor == Descriptors.RecvmsgWithoutCloseOnExec && ControlBuffer.CannotCarryDescriptors(invocation, flags))
            {
                return; // no descriptor can arrive
            }
        }

        if (PlatformScope.IsOnlyElsewhere(invocation))
        {
            return; // Linux values and Linux-only calls do not apply there
        }

        object[] arguments = rule.Descriptor == Descriptors.SpecialDescriptorWithoutCloseOnExec
            ? [rule.Function, rule.Advice]
            : [rule.Function];
        context.ReportDiagnostic(Diagnostic.Create(rule.Descriptor, invocation.Syntax.GetLocation(), rule.Properties, arguments));
    }

    /// <summary>The rule for the libc function the invocation calls (judged once per method by <see cref="LibcCall"/>).</summary>
    private static CloseOnExecRule? RuleFor(IInvocationOperation invocation)
    {
        if (LibcCall.FunctionName(invocation) is not { } function
            || !CloseOnExecRule.ByFunction.TryGetValue(function, out CloseOnExecRule? rule)
            || !DescriptorCreators.IsJudged(invocation, function))
        {
            return null;
        }

        // A declaration of another shape is not the function the rule knows: its flags may sit elsewhere.
        return LibcCall.ParameterOrdinal(invocation.TargetMethod, rule.FlagParameter) < invocation.TargetMethod.Parameters.Length ? rule : null;
    }
}
