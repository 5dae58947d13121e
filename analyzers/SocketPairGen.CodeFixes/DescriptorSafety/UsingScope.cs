using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace SocketPairGen.CodeFixes.DescriptorSafety;

/// <summary>
/// What a fix that disposes at the end of a scope may write in the project's C#: a using declaration from C# 8,
/// before that a <c>using</c> statement over the rest of the block (the same scope); <c>nint</c> from C# 9.
/// </summary>
internal static class UsingScope
{
    /// <summary>Whether <c>using var x = ...;</c> and <c>await using</c> compile in <paramref name="tree"/>.</summary>
    public static bool HasUsingDeclarations(SyntaxTree tree) => Version(tree) >= LanguageVersion.CSharp8;

    /// <summary>Whether <c>nint</c> compiles in <paramref name="tree"/>.</summary>
    public static bool HasNativeIntegers(SyntaxTree tree) => Version(tree) >= LanguageVersion.CSharp9;

    /// <summary>
    /// Whether the statements after <paramref name="statement"/> in its block can move into a nested block: none
    /// is a local function (callable from above it) or a labeled statement (a goto target).
    /// </summary>
    public static bool RestCanMove(StatementSyntax statement) =>
        statement.Parent is BlockSyntax block
        && block.Statements.SkipWhile(s => s != statement).Skip(1).All(s => s is not (LocalFunctionStatementSyntax or LabeledStatementSyntax));

    /// <summary>
    /// <paramref name="block"/> with the statements after <paramref name="statement"/> moved into
    /// <c>using (header) { ... }</c>, which takes the place of <paramref name="statement"/> when
    /// <paramref name="replace"/> (its declaration becomes the header) or follows it.
    /// </summary>
    public static BlockSyntax Wrap(BlockSyntax block, StatementSyntax statement, VariableDeclarationSyntax header, bool replace)
    {
        int index = block.Statements.IndexOf(statement);
        SyntaxTriviaList leading = replace
            ? statement.GetLeadingTrivia()
            : SyntaxFactory.TriviaList(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        UsingStatementSyntax @using = SyntaxFactory.UsingStatement(
                header.WithoutTrivia(),
                expression: null,
                SyntaxFactory.Block(block.Statements.Skip(index + 1)))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(EndOfLine(block.Statements.Last()))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return block.WithStatements(SyntaxFactory.List(block.Statements.Take(replace ? index : index + 1).Append(@using)));
    }

    /// <summary>The line ending the file uses after <paramref name="statement"/>.</summary>
    private static SyntaxTrivia EndOfLine(StatementSyntax statement)
    {
        SyntaxTrivia endOfLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed;
    }

    private static LanguageVersion Version(SyntaxTree tree) =>
        tree.Options is CSharpParseOptions options ? options.LanguageVersion : LanguageVersion.Latest;
}
