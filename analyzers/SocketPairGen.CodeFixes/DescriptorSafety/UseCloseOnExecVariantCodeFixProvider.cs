using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0002-SPG0006 where the function cannot take the flag: calls the variant that can (<c>accept</c> →
/// <c>accept4(…, SOCK_CLOEXEC)</c>, <c>pipe</c> → <c>pipe2</c>, <c>creat</c> → <c>open</c>, <c>dup</c> →
/// <c>fcntl(fd, F_DUPFD_CLOEXEC, 0)</c>, <c>fcntl(F_DUPFD)</c> → <c>fcntl(F_DUPFD_CLOEXEC)</c>, <c>dup2</c> →
/// <c>dup3</c>, <c>mkstemp</c> → <c>mkostemp</c>, <c>mkstemps</c> → <c>mkostemps</c>, <c>epoll_create</c> →
/// <c>epoll_create1</c>, <c>inotify_init</c> → <c>inotify_init1</c>). Offered only when the type that declares the
/// called function also declares the variant, with the right number of parameters, accessible from the call, the
/// arguments fit it, and it means what the call meant (<c>dup2</c> only onto a descriptor provably not its own).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCloseOnExecVariantCodeFixProvider))]
[Shared]
public sealed class UseCloseOnExecVariantCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
    [
        Descriptors.AcceptWithoutCloseOnExec.Id,
        Descriptors.PipeWithoutCloseOnExec.Id,
        Descriptors.OpenWithoutCloseOnExec.Id,
        Descriptors.DupWithoutCloseOnExec.Id,
        Descriptors.SpecialDescriptorWithoutCloseOnExec.Id,
    ];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(CloseOnExecRule.ReplacementKey)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || Replacement(model, invocation, context.CancellationToken) is not { } replacement)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    replacement.Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, replacement.Call))),
                    CloseOnExecFixNames.UseVariant(diagnostic.Id)),
                diagnostic);
        }
    }

    private static (string Title, InvocationExpressionSyntax Call)? Replacement(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || LibcCall.FunctionName(operation.TargetMethod) is not { } function
            || !CloseOnExecVariant.ByFunction.TryGetValue(function, out CloseOnExecVariant? variant)
            || NameOf(invocation.Expression) is not { } name
            || invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null)
            || invocation.ArgumentList.Arguments.Count != operation.TargetMethod.Parameters.Length
            || !variant.Keeps(operation))
        {
            return null; // named or omitted arguments: the old order cannot simply carry over
        }

        int position = invocation.SpanStart;
        IReadOnlyList<ArgumentSyntax> old = invocation.ArgumentList.Arguments;
        IReadOnlyList<ArgumentSyntax> arguments = variant.Arguments(old, model, position);
        if (old.Any(a => !arguments.Contains(a) && !FreeOfSideEffects(model.GetOperation(a.Expression, cancellationToken))))
        {
            return null;
        }

        // The overload the new arguments fit (fcntl has one for an int and one for a pointer), called by its name.
        IMethodSymbol? target = operation.TargetMethod.ContainingType.GetMembers()
            .OfType<IMethodSymbol>()
            .FirstOrDefault(m => m.IsStatic
                && m.Parameters.Length == variant.Arity
                && LibcCall.FunctionName(m) == variant.Target
                && model.IsAccessible(position, m)
                && arguments.Select((a, i) => Fits(model, position, a, m.Parameters[i])).All(fits => fits));
        if (target is null)
        {
            return null;
        }

        InvocationExpressionSyntax call = invocation
            .ReplaceNode(name, SyntaxFactory.IdentifierName(target.Name).WithTriviaFrom(name))
            .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(
                arguments.Select((a, i) => i == 0 ? a.WithoutLeadingTrivia() : a.WithLeadingTrivia(SyntaxFactory.Space)))));
        return (variant.Title, call);
    }

    private static SimpleNameSyntax? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier,
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member,
        _ => null,
    };

    private static bool Fits(SemanticModel model, int position, ArgumentSyntax argument, IParameterSymbol parameter) =>
        argument.RefKindKeyword.Kind() switch
        {
            SyntaxKind.None => parameter.RefKind is RefKind.None or RefKind.In && FlagSyntax.Fits(model, position, argument.Expression, parameter.Type),
            SyntaxKind.RefKeyword => parameter.RefKind == RefKind.Ref,
            SyntaxKind.OutKeyword => parameter.RefKind == RefKind.Out,
            _ => false,
        };

    /// <summary>An argument the replacement drops (epoll_create's size) may go only if evaluating it did nothing.</summary>
    private static bool FreeOfSideEffects(IOperation? operation) => operation switch
    {
        { ConstantValue.HasValue: true } => true,
        ILocalReferenceOperation or IParameterReferenceOperation => true,
        IConversionOperation conversion => FreeOfSideEffects(conversion.Operand),
        _ => false,
    };
}
