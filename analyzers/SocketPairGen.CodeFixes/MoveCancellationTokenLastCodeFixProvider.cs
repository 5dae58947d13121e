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
using SocketPairGen.Analyzers;

namespace SocketPairGen.CodeFixes;

/// <summary>
/// SPG0106: moves a contract method's only CancellationToken parameter, with its attributes and default value, to
/// the end of the parameter list. Only the declaration changes; callers that pass arguments by position do not.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveCancellationTokenLastCodeFixProvider))]
[Shared]
public sealed class MoveCancellationTokenLastCodeFixProvider : CodeFixProvider
{
    private const string Title = "Move the CancellationToken last";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.Ids.MisplacedCancellationToken];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        // The diagnostic spans the whole parameter.
        if (root?.FindNode(context.Span) is not ParameterSyntax parameter
            || parameter.Span != context.Span
            || parameter.Parent is not ParameterListSyntax list)
        {
            return;
        }

        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(parameter, context.CancellationToken) is not { ContainingSymbol: IMethodSymbol method } token
            || !CanMoveLast(token, method, model.Compilation))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, cancellationToken => MoveLastAsync(context.Document, list, parameter, cancellationToken), CodeFixNames.MoveCancellationTokenLast),
            context.Diagnostics);
    }

    /// <summary>
    /// The move fixes the diagnostic only when the method has no other token (a second token stays an error
    /// wherever it goes) and gives valid C# only when no <c>params</c> parameter must stay last and no optional
    /// parameter would end up before a required token.
    /// </summary>
    private static bool CanMoveLast(IParameterSymbol token, IMethodSymbol method, Compilation compilation)
    {
        INamedTypeSymbol? cancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        ImmutableArray<IParameterSymbol> parameters = method.Parameters;
        return cancellationToken is not null
            && SymbolEqualityComparer.Default.Equals(token.Type, cancellationToken)
            && parameters.Count(p => SymbolEqualityComparer.Default.Equals(p.Type, cancellationToken)) == 1
            && token.Ordinal < parameters.Length - 1
            && !parameters[parameters.Length - 1].IsParams
            && (token.HasExplicitDefaultValue || !parameters.Skip(token.Ordinal + 1).Any(p => p.HasExplicitDefaultValue));
    }

    private static async Task<Document> MoveLastAsync(Document document, ParameterListSyntax list, ParameterSyntax token, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(list, MoveLast(list, token)));
    }

    /// <summary>
    /// The parameters change places but the layout stays: each position keeps its own leading and trailing trivia
    /// and its comma, so a list written one parameter a line is still written that way.
    /// </summary>
    private static ParameterListSyntax MoveLast(ParameterListSyntax list, ParameterSyntax token)
    {
        SeparatedSyntaxList<ParameterSyntax> parameters = list.Parameters;
        var order = parameters.Where(p => p != token).Append(token).ToList();
        var placed = new List<ParameterSyntax>(order.Count);
        for (int i = 0; i < order.Count; i++)
        {
            placed.Add(order[i].WithLeadingTrivia(parameters[i].GetLeadingTrivia()).WithTrailingTrivia(parameters[i].GetTrailingTrivia()));
        }

        return list.WithParameters(SyntaxFactory.SeparatedList(placed, parameters.GetSeparators()));
    }
}
