using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>The reads of a descriptor place in a method body, and of the array or pointer an element place lives in.</summary>
internal static class DescriptorReferences
{
    /// <summary>Every operation in <paramref name="body"/> that reads <paramref name="place"/> itself.</summary>
    public static IEnumerable<IOperation> To(DescriptorPlace place, IOperation body) => MethodOperations.ReadsOf(body, place);

    /// <summary>
    /// Every operation in <paramref name="body"/> that reads the array or pointer <paramref name="variable"/> other
    /// than to take one element by a constant index: where the array goes, its elements may be read or closed.
    /// </summary>
    public static IEnumerable<IOperation> ToWholeArray(ISymbol variable, IOperation body)
    {
        foreach (IOperation operation in MethodOperations.WholeReferencesTo(body, variable))
        {
            if (operation.Syntax.Parent is ElementAccessExpressionSyntax access
                && access.Expression == operation.Syntax
                && access.ArgumentList.Arguments.Count == 1
                && operation.SemanticModel?.GetConstantValue(access.ArgumentList.Arguments[0].Expression).HasValue == true)
            {
                continue;
            }

            yield return operation;
        }
    }

    /// <summary>Whether <paramref name="node"/> is inside a lambda, an anonymous method or a local function.</summary>
    public static bool InNestedFunction(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }
}
