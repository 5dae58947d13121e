using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0001-SPG0007 where the function takes the flag: or's the close-on-exec flag into the flags argument
/// (<c>SOCK_STREAM</c> → <c>SOCK_STREAM | SOCK_CLOEXEC</c>), by name when a constant of that name and value is in
/// scope or in the binding the call already uses (<c>LibC.SOCK_STREAM</c> → <c>LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC</c>),
/// else as a commented literal. A literal zero is replaced by the flag alone; a named zero (<c>O_RDONLY</c>) stays.
/// Not offered when the flags use a constant that lies about its name (SPG0009 fixes the constant, and then the call).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCloseOnExecFlagCodeFixProvider))]
[Shared]
public sealed class AddCloseOnExecFlagCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
    [
        Descriptors.SocketWithoutCloseOnExec.Id,
        Descriptors.AcceptWithoutCloseOnExec.Id,
        Descriptors.PipeWithoutCloseOnExec.Id,
        Descriptors.OpenWithoutCloseOnExec.Id,
        Descriptors.DupWithoutCloseOnExec.Id, // dup3 without O_CLOEXEC
        Descriptors.SpecialDescriptorWithoutCloseOnExec.Id,
        Descriptors.RecvmsgWithoutCloseOnExec.Id,
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
            if (!diagnostic.Properties.TryGetValue(CloseOnExecRule.FlagParameterKey, out string? parameterText)
                || !int.TryParse(parameterText, NumberStyles.None, CultureInfo.InvariantCulture, out int parameter)
                || !long.TryParse(diagnostic.Properties[CloseOnExecRule.FlagValueKey], NumberStyles.None, CultureInfo.InvariantCulture, out long flag)
                || diagnostic.Properties[CloseOnExecRule.FlagNameKey] is not { } flagName
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || FlaggedArgument(model, invocation, parameter, flagName, flag, context.CancellationToken) is not { } replacement)
            {
                continue;
            }

            (ExpressionSyntax existing, ExpressionSyntax flagged) = replacement;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add {flagName}",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(existing, flagged))),
                    CloseOnExecFixNames.AddFlag(diagnostic.Id)),
                diagnostic);
        }
    }

    /// <summary>The written flags argument and what replaces it; null when there is none to edit or the result would not compile.</summary>
    private static (ExpressionSyntax Existing, ExpressionSyntax Flagged)? FlaggedArgument(
        SemanticModel model, InvocationExpressionSyntax invocation, int parameter, string flagName, long flag, System.Threading.CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter) is not { Syntax: ArgumentSyntax { Expression: { } existing }, Parameter: { } target } argument)
        {
            return null; // a default value: nothing written to add the flag to
        }

        if (ConstantValues.Fold(argument.Value) is { Lie: true })
        {
            return null;
        }

        int position = existing.SpanStart;
        ExpressionSyntax flagSyntax = FlagSyntax.For(model, position, flagName, flag, usedBinding: operation);
        ExpressionSyntax flagged = existing is LiteralExpressionSyntax && argument.Value is { ConstantValue: { HasValue: true, Value: 0 or 0u or 0L or 0ul } }
            ? flagSyntax.WithTriviaFrom(existing).WithTrailingTrivia(flagSyntax.GetTrailingTrivia().AddRange(existing.GetTrailingTrivia()))
            : FlagSyntax.Or(existing, flagSyntax).WithTrailingTrivia(flagSyntax.GetTrailingTrivia().AddRange(existing.GetTrailingTrivia()));
        return FlagSyntax.Fits(model, position, flagged, target.Type) ? (existing, flagged) : null;
    }
}
