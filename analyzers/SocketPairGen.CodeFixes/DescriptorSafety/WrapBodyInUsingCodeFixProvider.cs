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
using Microsoft.CodeAnalysis.Formatting;
using SocketPairGen.Analyzers;
using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// SPG0013: wraps the statements of the server method's block body in <c>using (parameter) { ... }</c>, so the
/// descriptor is disposed however the method leaves. Several parameters of one method share one stack of
/// <c>using</c> statements, in the order of the parameters, whether fixed one at a time or by Fix All. Offered for a
/// single descriptor (an array is not disposable) in a method with a block body, when nothing releases it on some path
/// or only disposals do (the <c>using</c> repeats them harmlessly); not when some path hands it off, since the
/// <c>using</c> would dispose what the new owner holds. An expression-bodied method gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapBodyInUsingCodeFixProvider))]
[Shared]
public sealed class WrapBodyInUsingCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key, one for every parameter, so Fix All wraps each method once.</summary>
    public const string EquivalenceKey = "SocketPairGen.WrapBodyInUsing";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.ReceivedDescriptorLeaked.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        // Two parameters of one method change the same body: each document is fixed as a whole.
        FixAllProvider.Create(async (context, document, diagnostics) => (Document?)await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

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
            if (Plan(root, diagnostic) is not { } plan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add 'using ({plan.Name})'",
                    cancellationToken => FixAsync(context.Document, [diagnostic], cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var names = new Dictionary<BlockSyntax, List<string>>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Plan(root, diagnostic) is not { } plan)
            {
                continue;
            }

            if (!names.TryGetValue(plan.Body, out List<string>? list))
            {
                names.Add(plan.Body, list = []);
            }

            if (!list.Contains(plan.Name))
            {
                list.Add(plan.Name);
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(names.Keys, (original, _) => Wrap(original, names[original])));
    }

    /// <summary>For one diagnostic: the body to wrap and the parameter's name.</summary>
    private sealed record FixPlan(BlockSyntax Body, string Name);

    private static FixPlan? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        // A parameter handed off on some path must not be disposed at the end of the method.
        if (diagnostic.Properties.TryGetValue(LeakReleases.Property, out string? releases)
            && releases is not (LeakReleases.None or LeakReleases.Disposals))
        {
            return null;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ParameterSyntax
        {
            Type: not ArrayTypeSyntax,
            Parent.Parent: MethodDeclarationSyntax { Body: { } body },
        } parameter
            ? new FixPlan(body, parameter.Identifier.ValueText)
            : null;
    }

    /// <summary>
    /// <paramref name="body"/> as one stack of <c>using (name)</c> statements over its statements; a body that is such a
    /// stack already (this fix wrote it for another parameter) gets the new names at the bottom of the stack.
    /// </summary>
    private static BlockSyntax Wrap(BlockSyntax body, IReadOnlyList<string> names)
    {
        if (Stack(body) is { } innermost)
        {
            UsingStatementSyntax extended = innermost.WithStatement(Usings(names, (BlockSyntax)innermost.Statement));
            return body.ReplaceNode(innermost, extended.WithAdditionalAnnotations(Formatter.Annotation));
        }

        StatementSyntax wrapped = Usings(names, SyntaxFactory.Block(body.Statements))
            .WithTrailingTrivia(EndOfLine(body))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return body.WithStatements(SyntaxFactory.SingletonList(wrapped));
    }

    /// <summary>The line ending the file uses after the body's opening brace.</summary>
    private static SyntaxTrivia EndOfLine(BlockSyntax body)
    {
        SyntaxTrivia endOfLine = body.OpenBraceToken.TrailingTrivia.LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed;
    }

    /// <summary><c>using (a) using (b) ... inner</c>.</summary>
    private static StatementSyntax Usings(IReadOnlyList<string> names, BlockSyntax inner)
    {
        StatementSyntax statement = inner;
        for (int i = names.Count - 1; i >= 0; i--)
        {
            statement = SyntaxFactory.UsingStatement(declaration: null, SyntaxFactory.IdentifierName(names[i]), statement);
        }

        return statement;
    }

    /// <summary>
    /// When the body's only statement is a stack of <c>using (name)</c> statements over a block: the innermost one.
    /// </summary>
    private static UsingStatementSyntax? Stack(BlockSyntax body)
    {
        if (body.Statements.Count != 1 || body.Statements[0] is not UsingStatementSyntax { Declaration: null, Expression: IdentifierNameSyntax } outer)
        {
            return null;
        }

        UsingStatementSyntax current = outer;
        while (current.Statement is UsingStatementSyntax { Declaration: null, Expression: IdentifierNameSyntax } next)
        {
            current = next;
        }

        return current.Statement is BlockSyntax ? current : null;
    }
}
