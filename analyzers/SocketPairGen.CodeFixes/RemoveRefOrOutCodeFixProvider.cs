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
using SocketPairGen.Analyzers;
using SocketPairGen.Generator.Parsing;

namespace SocketPairGen.CodeFixes;

/// <summary>
/// SPG0105: removes <c>ref</c> or <c>out</c> from a contract method's parameter, when the parameter's type can cross
/// the wire by value (otherwise the fix would only trade SPG0105 for SPG0101).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRefOrOutCodeFixProvider))]
[Shared]
public sealed class RemoveRefOrOutCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.Ids.RefOrOutParameter];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        // The diagnostic sits on the modifier itself.
        SyntaxToken modifier = root?.FindToken(context.Span.Start) ?? default;
        if (modifier.Span != context.Span
            || !modifier.IsKind(SyntaxKind.RefKeyword) && !modifier.IsKind(SyntaxKind.OutKeyword)
            || modifier.Parent is not ParameterSyntax { Type: not null } parameter)
        {
            return;
        }

        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(parameter, context.CancellationToken) is not { } symbol
            || !CanCrossTheWireByValue(symbol.Type, model.Compilation))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Remove '{modifier.Text}'",
                cancellationToken => RemoveAsync(context.Document, parameter, modifier, symbol.Type.IsRefLikeType, cancellationToken),
                CodeFixNames.RemoveRefOrOut),
            context.Diagnostics);
    }

    /// <summary>
    /// Asks the generator's own classifier, so the fix is offered exactly where removing the modifier leaves no
    /// SPG0101 on the parameter. A CancellationToken is never classified: the parser handles it apart.
    /// </summary>
    private static bool CanCrossTheWireByValue(ITypeSymbol type, Compilation compilation)
    {
        var known = new KnownTypes(compilation);
        return KnownTypes.Is(type, known.CancellationToken) || new TypeClassifier(known).Classify(type) is not null;
    }

    private static async Task<Document> RemoveAsync(Document document, ParameterSyntax parameter, SyntaxToken modifier, bool isRefLike, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ParameterSyntax fixedParameter = RemoveModifier(parameter, modifier);
        // 'scoped' is allowed only on refs and ref structs: without the ref it must go too.
        SyntaxToken scoped = fixedParameter.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.ScopedKeyword));
        if (!isRefLike && scoped.IsKind(SyntaxKind.ScopedKeyword))
        {
            fixedParameter = RemoveModifier(fixedParameter, scoped);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(parameter, fixedParameter));
    }

    /// <summary>
    /// Removes a modifier and the whitespace after it; its leading trivia and any comment after it go to the next
    /// token, so a parameter that starts a line keeps its indentation.
    /// </summary>
    private static ParameterSyntax RemoveModifier(ParameterSyntax parameter, SyntaxToken modifier)
    {
        int index = parameter.Modifiers.IndexOf(modifier);
        SyntaxToken next = modifier.GetNextToken();
        SyntaxTriviaList kept = modifier.LeadingTrivia;
        if (modifier.TrailingTrivia.Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)))
        {
            kept = kept.AddRange(modifier.TrailingTrivia);
        }

        ParameterSyntax moved = parameter.ReplaceToken(next, next.WithLeadingTrivia(kept.AddRange(next.LeadingTrivia)));
        return moved.WithModifiers(moved.Modifiers.RemoveAt(index));
    }
}
