using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0009: writes the flag's Linux value in place of the constant's (<c>EFD_CLOEXEC = 1</c> →
/// <c>EFD_CLOEXEC = 0x80000</c>), keeping the comments around it. Offered only when the value fits the constant's type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorrectCloseOnExecConstantCodeFixProvider))]
[Shared]
public sealed class CorrectCloseOnExecConstantCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SocketPairGen.CorrectCloseOnExecConstant";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.CloseOnExecConstantWrongValue.Id];

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
            if (!diagnostic.Properties.TryGetValue(CloseOnExecConstantAnalyzer.LinuxValueKey, out string? text)
                || text is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax written
                || model.GetTypeInfo(written, context.CancellationToken).ConvertedType is not { } type)
            {
                continue;
            }

            ExpressionSyntax value = SyntaxFactory.ParseExpression(text).WithTriviaFrom(written);
            if (!FlagSyntax.Fits(model, written.SpanStart, value, type))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use the Linux value {text}",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(written, value))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
