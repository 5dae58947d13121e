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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0020: inserts <c>close(fd);</c> right after the statement that holds the spawn (and the closes already there), through a libc <c>close</c>
/// the method can already call: one declared next to the spawn function (called the way the spawn is), or one in
/// scope by itself. Not offered when there is none, when the spawn is not a statement of a block, when the
/// descriptor's variable is out of scope there, when the method still reads the descriptor after the spawn, or when
/// the spawn runs in a loop that does not create the descriptor anew each round.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CloseAfterSpawnCodeFixProvider))]
[Shared]
public sealed class CloseAfterSpawnCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.SpawnedDescriptorNotClosed.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        // Several descriptors (or one mapped twice) close after the same spawn: each document is fixed as a whole.
        FixAllProvider.Create(async (context, document, diagnostics) => (Document?)await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Close '{plan.Descriptor}' after the spawn",
                cancellationToken => FixAsync(context.Document, [diagnostic], cancellationToken),
                CloseFixNames.CloseAfterSpawn),
            diagnostic);
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var closes = new Dictionary<StatementSyntax, List<string>>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } plan)
            {
                continue;
            }

            if (!closes.TryGetValue(plan.Spawn, out List<string>? texts))
            {
                closes.Add(plan.Spawn, texts = []);
            }

            string text = plan.Close + "(" + plan.Descriptor + ");";
            if (!texts.Contains(text))
            {
                texts.Add(text);
            }
        }

        foreach (KeyValuePair<StatementSyntax, List<string>> after in closes)
        {
            SyntaxTrivia whitespace = after.Key.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            SyntaxTriviaList indentation = whitespace == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(whitespace);
            SyntaxTrivia endOfLine = after.Key.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            SyntaxTriviaList trailing = endOfLine == default ? SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed) : SyntaxFactory.TriviaList(endOfLine);
            editor.InsertAfter(after.Key, after.Value.Select(text => SyntaxFactory.ParseStatement(text).WithLeadingTrivia(indentation).WithTrailingTrivia(trailing)));
        }

        return editor.GetChangedDocument();
    }

    /// <summary>For one diagnostic: the statement to close after, the close to call, and the descriptor's text.</summary>
    private sealed record FixPlan(StatementSyntax Spawn, string Close, string Descriptor);

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.AdditionalLocations.Count != 1
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax mappingSyntax
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax spawnSyntax
            || model.GetOperation(mappingSyntax, cancellationToken) is not IInvocationOperation mapping
            || model.GetOperation(spawnSyntax, cancellationToken) is not IInvocationOperation spawn
            || InvocationArguments.ValueOf(mapping, 1) is not { } descriptor
            || DescriptorPlace.Of(descriptor) is not { } place
            || spawnSyntax.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax } statement)
        {
            return null;
        }

        int position = statement.Span.End;
        if (!model.LookupSymbols(position, name: place.Symbol.Name).Contains(place.Symbol, SymbolEqualityComparer.Default)
            || UsedAfter(place, DescriptorPlace.Root(mapping), statement)
            || InLoopWithout(statement, DescriptorOrigin.Of(descriptor)?.Call.Syntax)
            || CloseCall(model, spawn, spawnSyntax, position) is not { } close)
        {
            return null;
        }

        return new FixPlan(AfterClosesFollowing(statement, close), close, DescriptorPlace.Unwrap(descriptor)!.Syntax.WithoutTrivia().ToString());
    }

    /// <summary>
    /// Whether the method reads the descriptor (or the array it is in) after <paramref name="spawn"/>: the parent
    /// still needs it there, so a close right after the spawn would break that use.
    /// </summary>
    private static bool UsedAfter(DescriptorPlace place, IOperation body, StatementSyntax spawn)
    {
        int end = spawn.Span.End;
        foreach (IOperation reference in DescriptorReferences.To(place, body))
        {
            if (reference.Syntax.SpanStart >= end)
            {
                return true;
            }
        }

        if (place.Index is not null)
        {
            foreach (IOperation whole in DescriptorReferences.ToWholeArray(place.Symbol, body))
            {
                if (whole.Syntax.SpanStart >= end)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the spawn runs in a loop that does not also create the descriptor: the next round would map a
    /// descriptor the close already closed.
    /// </summary>
    private static bool InLoopWithout(StatementSyntax spawn, SyntaxNode? creator)
    {
        foreach (SyntaxNode ancestor in spawn.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }

            if (ancestor is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                && (creator is null || !ancestor.Span.Contains(creator.Span)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The spawn statement, or the last of the <c>close(...)</c> statements right after it: closes added one fix at a
    /// time line up in the order Fix All writes them.
    /// </summary>
    private static StatementSyntax AfterClosesFollowing(StatementSyntax spawn, string close)
    {
        var block = (BlockSyntax)spawn.Parent!;
        StatementSyntax last = spawn;
        for (int index = block.Statements.IndexOf(spawn) + 1; index < block.Statements.Count; index++)
        {
            if (block.Statements[index] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
                || call.Expression.WithoutTrivia().ToString() != close)
            {
                break;
            }

            last = block.Statements[index];
        }

        return last;
    }

    /// <summary>
    /// How to call libc <c>close</c> at <paramref name="position"/>: the one declared with the spawn function, spelled
    /// the way the spawn is called (<c>Libc.close</c> for <c>Libc.posix_spawn</c>); else the one close in scope by
    /// its simple name. Null when there is none the code can reach unambiguously.
    /// </summary>
    private static string? CloseCall(SemanticModel model, IInvocationOperation spawn, InvocationExpressionSyntax spawnSyntax, int position)
    {
        foreach (IMethodSymbol close in spawn.TargetMethod.ContainingType.GetMembers().OfType<IMethodSymbol>().Where(IsClose))
        {
            switch (spawnSyntax.Expression)
            {
                case MemberAccessExpressionSyntax { Expression: { } receiver } when model.IsAccessible(position, close):
                    return receiver.WithoutTrivia().ToString() + "." + close.Name;
                case IdentifierNameSyntax when Unambiguous(model, position, close):
                    return close.Name;
            }
        }

        foreach (ISymbol symbol in model.LookupSymbols(position))
        {
            if (symbol is IMethodSymbol close && IsClose(close) && Unambiguous(model, position, close))
            {
                return close.Name;
            }
        }

        return null;
    }

    private static bool IsClose(IMethodSymbol method) =>
        method.IsStatic && method.Parameters.Length == 1 && LibcCall.FunctionName(method) == "close";

    /// <summary>Whether the simple name of <paramref name="close"/> at <paramref name="position"/> means it and nothing else.</summary>
    private static bool Unambiguous(SemanticModel model, int position, IMethodSymbol close)
    {
        ImmutableArray<ISymbol> named = model.LookupSymbols(position, name: close.Name);
        return named.Length == 1 && SymbolEqualityComparer.Default.Equals(named[0], close);
    }
}
