using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The shared wiring of the rules that follow what becomes of a descriptor (SPG0010, SPG0012, SPG0020): each
/// invocation is judged with one <see cref="DescriptorRelease"/> per compilation, which knows the owners and
/// closes of that compilation.
/// </summary>
public abstract class DescriptorReleaseAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var release = new DescriptorRelease(start.Compilation);
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, release), OperationKind.Invocation);
        });
    }

    /// <summary>Judges one invocation.</summary>
    /// <param name="context">The invocation's context.</param>
    /// <param name="release">Recognises closes and ownership hand-offs in this compilation.</param>
    private protected abstract void AnalyzeInvocation(OperationAnalysisContext context, DescriptorRelease release);
}
