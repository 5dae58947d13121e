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
/// SPG0010: after <c>int fd = open(...);</c> (a local declaration statement of a block, one declarator) inserts
/// <c>using var fdHandle = new Microsoft.Win32.SafeHandles.SafeFileHandle((nint)fd, ownsHandle: true);</c>
/// (<c>System.Net.Sockets.SafeSocketHandle</c> for <c>socket</c>, <c>accept</c> and <c>accept4</c>). When the method
/// already closes the descriptor on some paths with <c>close(fd);</c> statements, each becomes <c>fdHandle.Dispose();</c>
/// (it still closes there, and the handle does not close it again). Not offered for an assignment, an array, when
/// the handle's name is already used in the member, or when the descriptor is handed off on some path (the handle
/// would close what the new owner holds).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInSafeHandleCodeFixProvider))]
[Shared]
public sealed class WrapInSafeHandleCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SocketPairGen.WrapInSafeHandle";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.DescriptorLeaked.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
                $"Wrap '{plan.Local}' in a SafeHandle with using",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(Apply(root, plan))),
                EquivalenceKey),
            diagnostic);
    }

    private sealed record FixPlan(LocalDeclarationStatementSyntax Declaration, string Local, StatementSyntax Wrap, ImmutableArray<ExpressionStatementSyntax> Closes, string Handle);

    private static SyntaxNode Apply(SyntaxNode root, FixPlan plan)
    {
        SyntaxNode tracked = root.TrackNodes([plan.Declaration, .. plan.Closes]);
        tracked = tracked.ReplaceNodes(
            plan.Closes.Select(close => tracked.GetCurrentNode(close)!),
            (original, _) => SyntaxFactory.ParseStatement($"{plan.Handle}.Dispose();").WithTriviaFrom(original));
        return tracked.InsertNodesAfter(tracked.GetCurrentNode(plan.Declaration)!, [plan.Wrap]);
    }

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        string? releases = diagnostic.Properties.TryGetValue(LeakReleases.Property, out string? property) ? property : null;
        if (releases is not (LeakReleases.None or LeakReleases.CloseStatements)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call
            || LibcCall.FunctionName(call) is not { } function)
        {
            return null;
        }

        SyntaxNode value = invocation;
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Type: not RefTypeSyntax } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax, UsingKeyword.RawKind: 0, Modifiers.Count: 0 } statement)
        {
            return null;
        }

        string local = declarator.Identifier.ValueText;
        string handle = local + "Handle";
        SyntaxNode member = statement.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax) ?? root;
        if (member.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == handle)
            || !model.LookupSymbols(statement.SpanStart, name: handle).IsEmpty)
        {
            return null;
        }

        string type = function is "socket" or "accept" or "accept4"
            ? "System.Net.Sockets.SafeSocketHandle"
            : "Microsoft.Win32.SafeHandles.SafeFileHandle";
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault());
        SyntaxTrivia newLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        StatementSyntax wrap = SyntaxFactory.ParseStatement($"using var {handle} = new {type}((nint){local}, ownsHandle: true);")
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
        ImmutableArray<ExpressionStatementSyntax> closes = releases == LeakReleases.CloseStatements
            ? CloseStatements(member, model, model.GetDeclaredSymbol(declarator, cancellationToken), cancellationToken)
            : [];
        return new FixPlan(statement, local, wrap, closes, handle);
    }

    /// <summary>The <c>close(fd);</c> statements of the member that close <paramref name="local"/>.</summary>
    private static ImmutableArray<ExpressionStatementSyntax> CloseStatements(SyntaxNode member, SemanticModel model, ISymbol? local, CancellationToken cancellationToken)
    {
        var closes = ImmutableArray.CreateBuilder<ExpressionStatementSyntax>();
        foreach (ExpressionStatementSyntax statement in member.DescendantNodes().OfType<ExpressionStatementSyntax>())
        {
            if (statement.Expression is InvocationExpressionSyntax
                && model.GetOperation(statement.Expression, cancellationToken) is IInvocationOperation { Arguments.Length: 1 } close
                && LibcCall.FunctionName(close) == "close"
                && DescriptorPlace.Unwrap(close.Arguments[0].Value) is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                closes.Add(statement);
            }
        }

        return closes.ToImmutable();
    }
}
