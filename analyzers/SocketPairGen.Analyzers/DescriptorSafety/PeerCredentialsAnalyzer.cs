using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// SPG0021: SO_PEERCRED read on an end of a socketpair, through libc <c>getsockopt</c> or
/// <c>Socket.GetRawSocketOption</c>. The kernel records the credentials of the process that called socketpair, for
/// both ends, so the answer names the creator, not the process holding the other end. Reported only where the
/// socket provably is a socketpair end (<see cref="SocketPairEnds"/>) and level and option fold to SOL_SOCKET and
/// SO_PEERCRED.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PeerCredentialsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.PeerCredentialsOfASocketPair];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var ends = new SocketPairEnds(start.Compilation); // looked up once per compilation
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, ends), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, SocketPairEnds ends)
    {
        var invocation = (IInvocationOperation)context.Operation;
        bool isPairEnd;
        if (invocation.TargetMethod.Name == "GetRawSocketOption"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, ends.Socket))
        {
            isPairEnd = IsPeerCredentials(invocation, levelOrdinal: 0) && ends.IsSocket(invocation.Instance);
        }
        else if (LibcCall.FunctionName(invocation) == "getsockopt" && invocation.Arguments.Length >= 3)
        {
            isPairEnd = IsPeerCredentials(invocation, levelOrdinal: 1)
                && ends.IsDescriptor(InvocationArguments.ValueOf(invocation, 0));
        }
        else
        {
            return;
        }

        if (isPairEnd && !PlatformScope.IsOnlyElsewhere(invocation))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PeerCredentialsOfASocketPair, invocation.Syntax.GetLocation()));
        }
    }

    private static bool IsPeerCredentials(IInvocationOperation invocation, int levelOrdinal) =>
        ConstantValues.Of(InvocationArguments.ValueOf(invocation, levelOrdinal)) == LinuxFlags.SolSocket
        && ConstantValues.Of(InvocationArguments.ValueOf(invocation, levelOrdinal + 1)) == LinuxFlags.SoPeerCred;
}
