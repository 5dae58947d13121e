using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
/// SPG0008: ORs the close-on-exec flag into the flags of the call that created the descriptor and removes the
/// <c>fcntl(F_SETFD, FD_CLOEXEC)</c> statements of its descriptors (both ends of a socketpair at once). Not offered
/// when the creator has no flags parameter (pipe, accept, dup...: SPG0002-SPG0006 suggest the function that has
/// one), when an fcntl is part of an expression the fix cannot remove alone, when an fcntl runs only on some paths
/// after the call succeeded (<see cref="Unconditional"/>), or when the call makes two descriptors and not both get
/// the flag (the other end is meant for a child).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FoldCloseOnExecCodeFixProvider))]
[Shared]
public sealed class FoldCloseOnExecCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [Descriptors.CloseOnExecSetAfterwards.Id];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        // One creator may be fixed from several diagnostics (fds[0] and fds[1]): each document is fixed as a whole,
        // so its flags argument is rewritten once.
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
                $"Pass {plan.Creator.CloseOnExecName} to '{plan.Creator.Name}'",
                cancellationToken => FixAsync(context.Document, [diagnostic], cancellationToken),
                CodeFixNames.FoldCloseOnExec),
            diagnostic);
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var rewrittenFlags = new HashSet<ExpressionSyntax>();
        var removed = new HashSet<StatementSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } plan)
            {
                continue;
            }

            if (rewrittenFlags.Add(plan.Flags))
            {
                editor.ReplaceNode(plan.Flags, plan.NewFlags);
            }

            foreach (StatementSyntax statement in plan.Statements.Where(removed.Add))
            {
                editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>What the fix changes for one diagnostic: the creator's flags argument and the statements to remove.</summary>
    private sealed record FixPlan(DescriptorCreator Creator, ExpressionSyntax Flags, ExpressionSyntax NewFlags, ImmutableArray<StatementSyntax> Statements);

    private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.AdditionalLocations.Count != 1
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax fcntl
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax creatorSyntax
            || model.GetOperation(creatorSyntax, cancellationToken) is not IInvocationOperation creatorCall
            || DescriptorCreators.Find(LibcCall.FunctionName(creatorCall)) is not { FlagsOrdinal: int flagsOrdinal } creator
            || LibcCall.Argument(creatorCall, flagsOrdinal) is not { IsImplicit: false, Syntax: ArgumentSyntax flagsArgument, Parameter: { } parameter } flags
            || RemovableStatement(fcntl) is not { } own)
        {
            return null;
        }

        // The flag is folded in only where the code already set it on every descriptor of the call, whenever the call
        // succeeded: a condition (an option to keep it inheritable) or an end left out (the child's) must stay as written.
        IOperation body = DescriptorPlace.Root(creatorCall);
        var unconditional = new Unconditional(creatorCall, creator);
        var statements = ImmutableArray.CreateBuilder<StatementSyntax>();
        var covered = new HashSet<long?>();
        foreach (IInvocationOperation other in body.Descendants().OfType<IInvocationOperation>())
        {
            if (CloseOnExecAfterwardsAnalyzer.CreatorOf(other) is var (call, _)
                && call.Syntax == creatorSyntax
                && other.Syntax is InvocationExpressionSyntax otherSyntax
                && RemovableStatement(otherSyntax) is { } statement
                && InvocationArguments.ValueOf(other, 0) is { } descriptor)
            {
                statements.Add(statement);
                covered.Add(DescriptorPlace.Of(descriptor)?.Index);
            }
        }

        if (!statements.Contains(own) || !unconditional.After(statements, model, cancellationToken))
        {
            return null;
        }

        if (creator.DescriptorsOrdinal is not null && !(covered.Contains(0) && covered.Contains(1)))
        {
            return null; // one end keeps inheritable: the call must not set the flag on both
        }

        ExpressionSyntax newFlags = WithCloseOnExec(flagsArgument.Expression, flags, creator, model, creatorSyntax.SpanStart);
        if (!FlagSyntax.Fits(model, flagsArgument.SpanStart, newFlags, parameter.Type))
        {
            return null; // an enum of the binding's (Mono.Posix) without a member to name the flag: a literal would not compile
        }

        return new FixPlan(creator, flagsArgument.Expression, newFlags, statements.ToImmutable());
    }

    /// <summary>
    /// The statement that only sets the flag and can go: <c>fcntl(...);</c>, <c>_ = fcntl(...);</c>, or
    /// <c>if (fcntl(...) &lt; 0) ...</c> without else (its body handles only the fcntl's failure). Null otherwise.
    /// </summary>
    private static StatementSyntax? RemovableStatement(InvocationExpressionSyntax fcntl)
    {
        SyntaxNode? node = fcntl.Parent;
        StatementSyntax? statement = node switch
        {
            ExpressionStatementSyntax expression => expression,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax discard } => discard,
            BinaryExpressionSyntax { Parent: IfStatementSyntax { Else: null } check } comparison
                when check.Condition == comparison && (comparison.Left == fcntl ? comparison.Right : comparison.Left) is LiteralExpressionSyntax or PrefixUnaryExpressionSyntax
                => check,
            _ => null,
        };
        return statement?.Parent is BlockSyntax or SwitchSectionSyntax ? statement : null;
    }

    /// <summary>The flags expression with the close-on-exec flag ORed in: a named constant when one is at hand.</summary>
    private static ExpressionSyntax WithCloseOnExec(ExpressionSyntax flags, IArgumentOperation argument, DescriptorCreator creator, SemanticModel model, int position)
    {
        ExpressionSyntax flag = NamedConstant(argument, creator, model, position)
            ?? FlagSyntax.Named(model, position, creator.CloseOnExecName, creator.CloseOnExec, argument.Parent)
            ?? SyntaxFactory.ParseExpression(Literal(creator.CloseOnExec) + " /* " + creator.CloseOnExecName + " */");
        if (ConstantValues.Of(argument.Value) == 0 && flags is LiteralExpressionSyntax)
        {
            return WithTriviaAround(flag, flags);
        }

        ExpressionSyntax left = IsTighterThanOr(flags) ? flags.WithoutTrivia() : SyntaxFactory.ParenthesizedExpression(flags.WithoutTrivia());
        ExpressionSyntax combined = SyntaxFactory.BinaryExpression(
                SyntaxKind.BitwiseOrExpression,
                left,
                SyntaxFactory.Token(SyntaxKind.BarToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                flag.WithoutLeadingTrivia());
        return WithTriviaAround(combined, flags);
    }

    /// <summary>The trivia of <paramref name="replaced"/> around <paramref name="expression"/>, keeping its own comment.</summary>
    private static ExpressionSyntax WithTriviaAround(ExpressionSyntax expression, ExpressionSyntax replaced) =>
        expression
            .WithLeadingTrivia(replaced.GetLeadingTrivia())
            .WithTrailingTrivia(expression.GetTrailingTrivia().AddRange(replaced.GetTrailingTrivia()));

    /// <summary>
    /// A constant with the flag's C name and value: next to a constant the flags argument already uses
    /// (<c>Libc.SOCK_STREAM</c> gives <c>Libc.SOCK_CLOEXEC</c>), else one in scope unqualified. Null when there is
    /// none of the parameter's type.
    /// </summary>
    private static ExpressionSyntax? NamedConstant(IArgumentOperation argument, DescriptorCreator creator, SemanticModel model, int position)
    {
        ITypeSymbol? type = argument.Parameter?.Type;
        foreach (IFieldReferenceOperation used in argument.Value.DescendantsAndSelf().OfType<IFieldReferenceOperation>())
        {
            if (used.Syntax is MemberAccessExpressionSyntax access
                && used.Field.ContainingType.GetMembers(creator.CloseOnExecName).OfType<IFieldSymbol>().Any(f => Fits(f, creator, type))
                && model.IsAccessible(position, used.Field.ContainingType.GetMembers(creator.CloseOnExecName)[0]))
            {
                return access.WithName(SyntaxFactory.IdentifierName(creator.CloseOnExecName)).WithoutTrivia();
            }
        }

        // Exactly one: two (from two 'using static') would make the name ambiguous.
        ImmutableArray<ISymbol> inScope = model.LookupSymbols(position, name: creator.CloseOnExecName);
        if (inScope.Length == 1 && inScope[0] is IFieldSymbol field && Fits(field, creator, type))
        {
            return SyntaxFactory.IdentifierName(creator.CloseOnExecName);
        }

        return null;
    }

    private static bool Fits(IFieldSymbol field, DescriptorCreator creator, ITypeSymbol? type) =>
        field.IsConst
        && field.ConstantValue is { } value
        && System.Convert.ToInt64(value, CultureInfo.InvariantCulture) == creator.CloseOnExec
        && (type is null || SymbolEqualityComparer.Default.Equals(field.Type, type));

    private static string Literal(long value) =>
        value < 16 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    /// <summary>Whether <c>flags | x</c> keeps <paramref name="flags"/> whole without parentheses.</summary>
    private static bool IsTighterThanOr(ExpressionSyntax flags) => flags switch
    {
        BinaryExpressionSyntax binary => binary.Kind() is SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression
            or SyntaxKind.BitwiseAndExpression or SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression
            or SyntaxKind.UnsignedRightShiftExpression or SyntaxKind.AddExpression or SyntaxKind.SubtractExpression
            or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression,
        IdentifierNameSyntax or MemberAccessExpressionSyntax or LiteralExpressionSyntax or InvocationExpressionSyntax
            or ParenthesizedExpressionSyntax or CastExpressionSyntax or ElementAccessExpressionSyntax
            or PrefixUnaryExpressionSyntax => true,
        _ => false,
    };
}
