using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[SocketPairChannel]</c> interface into a <see cref="ContractSpec"/>, or null when the contract
/// cannot be emitted correctly. The contract analyzers report why; the generator only skips.
/// </summary>
internal static class ContractParser
{
    /// <summary>Names the generated code declares on the interface or on its <c>Client</c> class, and names of
    /// <see cref="object"/> members a method of the proxy could not implement without hiding them.</summary>
    private static readonly string[] ReservedNames =
    [
        "Connect", "ServeAsync", "Client", "Contract", "CreateContract", "Dispose", "DisposeAsync", "Dispatcher", "Codec",
        "ToString", "GetHashCode", "Equals", "GetType", "MemberwiseClone", "Finalize",
    ];

    public static ContractSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface, IsGenericType: false } contract
            || !IsPartial(contract))
        {
            return null;
        }

        var containingTypes = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = contract.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType || !IsPartial(outer))
            {
                return null;
            }

            containingTypes.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
        }

        // Members inherited from other interfaces would need remoting too; not supported (yet).
        if (contract.Interfaces.Length > 0)
        {
            return null;
        }

        var known = new KnownTypes(context.SemanticModel.Compilation);
        var classifier = new TypeClassifier(known);
        var methods = new List<MethodSpec>();
        foreach (ISymbol member in contract.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReservedNames.Contains(member.Name))
            {
                return null;
            }

            // A static abstract or virtual member would have to be implemented by the proxy class.
            if (member.IsStatic && (member.IsAbstract || member.IsVirtual))
            {
                return null;
            }

            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method:
                    MethodSpec? spec = ParseMethod(method, classifier, known);
                    if (spec is null)
                    {
                        return null;
                    }

                    methods.Add(spec);
                    break;
                case IPropertySymbol { IsStatic: false }:
                case IEventSymbol { IsStatic: false }:
                    return null;
            }
        }

        // Wire ids follow a sorted order, so they do not depend on how declarations are spread over files.
        methods.Sort((a, b) => string.CompareOrdinal(SortKey(a), SortKey(b)));
        methods = methods.Select((m, index) => m with { Id = index }).ToList();
        if (methods.Select(SortKey).Distinct().Count() != methods.Count)
        {
            return null;
        }

        string contractName = TypeNames.Plain(contract);
        var structs = classifier.Structs.ToEquatableArray();
        var equatableMethods = methods.ToEquatableArray();
        (ulong upper, ulong lower) = Fingerprint.Compute(contractName, equatableMethods);
        string ns = contract.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new ContractSpec(
            ns,
            contract.Name,
            TypeNames.Of(contract),
            contractName,
            contractName + ".SocketPair.g.cs",
            containingTypes.ToEquatableArray(),
            equatableMethods,
            structs,
            upper,
            lower);
    }

    private static MethodSpec? ParseMethod(IMethodSymbol method, TypeClassifier classifier, KnownTypes known)
    {
        if (!method.IsAbstract || method.IsGenericMethod || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        (MethodShape shape, ITypeSymbol? resultType) = Shape(method, known);
        WireType? result = null;
        if (resultType is not null)
        {
            result = classifier.Classify(resultType);

            // A span cannot be returned: it would point into the channel's buffer.
            if (result is null or BlockWireType { Container: BlockContainer.ReadOnlySpan or BlockContainer.Span })
            {
                return null;
            }
        }

        var parameters = new List<ParameterSpec>();
        string? cancellationTokenName = null;
        bool cancellationTokenIsOptional = false;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            if (KnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                if (i != method.Parameters.Length - 1 || parameter.RefKind != RefKind.None)
                {
                    return null;
                }

                cancellationTokenName = TypeNames.Identifier(parameter.Name);
                cancellationTokenIsOptional = parameter.HasExplicitDefaultValue;
                continue;
            }

            string? modifier = parameter.RefKind switch
            {
                RefKind.None => "",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => null,
            };
            if (modifier is null || parameter.IsParams || classifier.Classify(parameter.Type) is not { } type)
            {
                return null;
            }

            string? defaultValue = parameter.HasExplicitDefaultValue ? DefaultValues.Format(parameter.Type, parameter.ExplicitDefaultValue) : null;
            parameters.Add(new ParameterSpec(TypeNames.Identifier(parameter.Name), modifier, type, defaultValue));
        }

        return new MethodSpec(0, method.Name, shape, TypeNames.Of(method.ReturnType), result, parameters.ToEquatableArray(), cancellationTokenName, cancellationTokenIsOptional);
    }

    private static (MethodShape Shape, ITypeSymbol? Result) Shape(IMethodSymbol method, KnownTypes known)
    {
        ITypeSymbol returnType = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return (MethodShape.Void, null);
        }

        if (KnownTypes.Is(returnType, known.Task))
        {
            return (MethodShape.Task, null);
        }

        if (KnownTypes.Is(returnType, known.ValueTask))
        {
            return (MethodShape.ValueTask, null);
        }

        if (KnownTypes.IsConstructedFrom(returnType, known.TaskOfT))
        {
            return (MethodShape.TaskOfT, ((INamedTypeSymbol)returnType).TypeArguments[0]);
        }

        if (KnownTypes.IsConstructedFrom(returnType, known.ValueTaskOfT))
        {
            return (MethodShape.ValueTaskOfT, ((INamedTypeSymbol)returnType).TypeArguments[0]);
        }

        return (MethodShape.Sync, returnType);
    }

    private static string SortKey(MethodSpec method) =>
        method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Modifier + p.Type.TypeName)) + ")";

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
