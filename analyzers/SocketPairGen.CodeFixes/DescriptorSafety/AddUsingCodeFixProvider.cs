using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
/// SPG0011: turns <c>var x = SocketPair.Create();</c> into a <c>using</c> declaration, or <c>await using</c> when
/// the enclosing method or lambda is async and the local's type is <see cref="System.IAsyncDisposable"/>
/// (<c>ChildProcess</c>, a generated <c>Client</c>); the same for a descriptor a generated client returns,
/// <c>var h = client.Open();</c> or <c>var h = await client.OpenAsync();</c>. Offered only for a local declaration
/// statement of one variable, directly in a block, whose local is never assigned again (a using local is read-only),
/// in a member without <c>goto</c>, and whose declared type is disposable the chosen way; before C# 8 (no using
/// declarations) a <c>using (...) { ... }</c> statement over the rest of the block instead, with a synchronous dispose,
/// when the rest holds no local function nor label; and, for a local disposed on some paths only, when nothing but
/// disposals releases it elsewhere (the <c>using</c> repeats them harmlessly; a hand-off on a path would be disposed
/// under its new owner).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddUsingCodeFixProvider))]
[Shared]
public sealed class AddUsingCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key: <c>using</c> and <c>await using</c> alike, so Fix All picks the right one per local.</summary>
    public const string EquivalenceKey = "SocketPairGen.AddUsing";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.DisposableLeaked.Id];

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
            // A local handed off on some path must not be disposed at the end of the scope: no fix then.
            if (diagnostic.Properties.TryGetValue(LeakReleases.Property, out string? releases)
                && releases is not (LeakReleases.None or LeakReleases.Disposals))
            {
                continue;
            }

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax creation
                || Declaration(creation) is not { } statement
                || Await(statement, model) is not { } useAwait)
            {
                continue;
            }

            string title = useAwait ? "Add 'await using'" : "Add 'using'";
            SyntaxNode fixedRoot;
            if (UsingScope.HasUsingDeclarations(statement.SyntaxTree))
            {
                fixedRoot = root.ReplaceNode(statement, WithUsing(statement, useAwait));
            }
            else if (UsingScope.RestCanMove(statement))
            {
                // Before C# 8: using (var x = ...) { the rest of the block }, the same scope.
                var block = (BlockSyntax)statement.Parent!;
                fixedRoot = root.ReplaceNode(block, UsingScope.Wrap(block, statement, statement.Declaration, replace: true));
            }
            else
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The statement <c>T x = creation;</c> directly in a block, of one variable, not yet a using. The creation may be
    /// awaited (<c>await client.OpenAsync()</c>, also through <c>ConfigureAwait(...)</c>): SPG0011 reports a task of a
    /// descriptor only there.
    /// </summary>
    private static LocalDeclarationStatementSyntax? Declaration(InvocationExpressionSyntax creation)
    {
        SyntaxNode value = creation;
        while (true)
        {
            if (value.Parent is ParenthesizedExpressionSyntax or AwaitExpressionSyntax)
            {
                value = value.Parent;
            }
            else if (value.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access
                && access.Expression == value)
            {
                value = configured;
            }
            else
            {
                break;
            }
        }

        return value.Parent is EqualsValueClauseSyntax
        {
            Parent: VariableDeclaratorSyntax
            {
                Parent: VariableDeclarationSyntax
                {
                    Variables.Count: 1,
                    Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Parent: BlockSyntax } statement,
                },
            },
        }
            ? statement
            : null;
    }

    /// <summary>True for <c>await using</c>, false for <c>using</c>, null when neither fits.</summary>
    private static bool? Await(LocalDeclarationStatementSyntax statement, SemanticModel model)
    {
        VariableDeclaratorSyntax declarator = statement.Declaration.Variables[0];
        if (model.GetDeclaredSymbol(declarator) is not ILocalSymbol local
            || statement.Modifiers.Any(SyntaxKind.ConstKeyword)
            || AssignedAgain(statement, local, model))
        {
            return null;
        }

        // await using needs C# 8, as using declarations do: before it, a using statement disposes synchronously.
        bool isAsync = model.GetEnclosingSymbol(statement.SpanStart) is IMethodSymbol { IsAsync: true }
            && UsingScope.HasUsingDeclarations(statement.SyntaxTree);
        if (isAsync && Implements(local.Type, "System.IAsyncDisposable"))
        {
            return true;
        }

        return Implements(local.Type, "System.IDisposable") ? false : null;
    }

    private static bool Implements(ITypeSymbol type, string name) =>
        type.ToDisplayString() == name || type.AllInterfaces.Any(i => i.ToDisplayString() == name);

    /// <summary>The local is assigned, passed by reference, or a <c>goto</c> exists in the member.</summary>
    private static bool AssignedAgain(LocalDeclarationStatementSyntax statement, ILocalSymbol local, SemanticModel model)
    {
        SyntaxNode member = statement.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or GlobalStatementSyntax) ?? statement;
        foreach (SyntaxNode node in member.DescendantNodes())
        {
            switch (node)
            {
                case GotoStatementSyntax:
                    return true;
                case IdentifierNameSyntax name when name.Identifier.ValueText == local.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local)
                    && (name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name
                        || name.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 }
                        || name.Parent is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax
                        || name.Parent is RefExpressionSyntax):
                    return true;
            }
        }

        return false;
    }

    private static LocalDeclarationStatementSyntax WithUsing(LocalDeclarationStatementSyntax statement, bool useAwait)
    {
        SyntaxTriviaList leading = statement.GetLeadingTrivia();
        LocalDeclarationStatementSyntax updated = statement.WithoutLeadingTrivia()
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        if (useAwait)
        {
            updated = updated.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        return updated.WithLeadingTrivia(leading);
    }
}
