using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0012: removes the extra <c>close</c>. Offered when every path to the close has released the descriptor already
/// (the analyzer says so in the diagnostic's properties) and the close is a statement of its own (<c>close(fd);</c>,
/// <c>_ = close(fd);</c>) or the condition <c>close(fd) != 0</c> of an <c>if</c> without <c>else</c> whose body
/// only handles its failure; not when its result feeds anything else.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveExtraCloseCodeFixProvider))]
[Shared]
public sealed class RemoveExtraCloseCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.DescriptorClosedTwice.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Only a close every path reaches with the descriptor already gone can go: removing one that some path
            // needs (the close after a conditional close, the one in a finally) would leak it there.
            if (!diagnostic.Properties.TryGetValue(DescriptorClosedTwiceAnalyzer.RedundantProperty, out string? redundant)
                || redundant != "true"
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax close
                || RemovableStatement(close) is not { } statement)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove the extra close",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)),
                    CloseFixNames.RemoveExtraClose),
                diagnostic);
        }
    }

    /// <summary>The statement that does nothing but the close, when it can go alone; null otherwise.</summary>
    private static StatementSyntax? RemovableStatement(InvocationExpressionSyntax close)
    {
        StatementSyntax? statement = close.Parent switch
        {
            ExpressionStatementSyntax expression => expression,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax discard } => discard,
            BinaryExpressionSyntax { Parent: IfStatementSyntax { Else: null } check } comparison
                when check.Condition == comparison && (comparison.Left == close ? comparison.Right : comparison.Left) is LiteralExpressionSyntax or PrefixUnaryExpressionSyntax
                => check,
            _ => null,
        };
        return statement?.Parent is BlockSyntax or SwitchSectionSyntax ? statement : null;
    }
}
