using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The body a call of a method of the compilation surely runs: an ordinary method, constructor or property setter in
/// source that no override can replace (static, non-virtual, or sealed), with one declaration.
/// </summary>
internal static class MethodBodies
{
    /// <summary>The body of <paramref name="method"/>, or null when the call may run another one or none is in source.</summary>
    public static IOperation? Of(IMethodSymbol method, Compilation compilation)
    {
        if (method.IsAbstract || method.IsExtern || method.IsVirtual || (method.IsOverride && !method.IsSealed)
            || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct }
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.PropertySet)
            || method.PartialDefinitionPart is not null && method.PartialImplementationPart is null
            || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (declaration is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax) || !compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return null;
        }

        // A method of another file is read once per compilation, for every rule: the callers keep what they learn.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(declaration);
    }
}
