using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[SocketPairChannel]</c> type into a <see cref="ContractSpec"/>, or reports (to an
/// <see cref="IContractProblems"/>) every reason it cannot be emitted correctly and returns null. The generator
/// skips such a contract; the contract analyzer reports the same problems, found by this same code.
/// </summary>
internal static class ContractParser
{
    /// <summary>Names the generated code declares on the interface (<c>Connect</c>, <c>ServeAsync</c>, <c>Client</c>), the
    /// proxy's own public members (<c>Dispose</c>, <c>DisposeAsync</c>, from its runtime base class), and names of
    /// <see cref="object"/> members a method of the proxy could not implement without hiding them. Everything else the
    /// generator emits lives in a container whose name, like the proxy's channel field's, avoids the contract's member
    /// names, and the proxy's <c>Contract</c> property is left out when the contract has a member of that name.</summary>
    public static readonly string[] ReservedNames =
    [
        "Connect", "ServeAsync", "Client", "Dispose", "DisposeAsync",
        "ToString", "GetHashCode", "Equals", "GetType", "MemberwiseClone", "Finalize",
    ];

    /// <summary>
    /// The oldest C# the generated code compiles with: its payloads are ref structs that implement interfaces and are
    /// passed as generic arguments (<c>allows ref struct</c>), which C# 13 brought. The generator tests compile every
    /// snapshot input at this version, and check that below it nothing is generated.
    /// </summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp13;

    /// <summary><c>Outer&lt;T&gt;.Inner.IFoo</c>: a type with its containing types and their type parameters.</summary>
    private static readonly SymbolDisplayFormat NestedNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    /// <summary>The generator's entry point.</summary>
    public static ContractSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type
            ? Parse(type, context.SemanticModel.Compilation, new ProblemCounter(), cancellationToken)
            : null;

    public static ContractSpec? Parse(
        INamedTypeSymbol contract, Compilation compilation, IContractProblems problems, CancellationToken cancellationToken, KnownTypes? knownTypes = null,
        CarriedContracts? carried = null)
    {
        KnownTypes known = knownTypes ?? new KnownTypes(compilation);
        carried ??= new CarriedContracts(compilation, known, cancellationToken);
        carried.Enter(contract);
        try
        {
            return ParseEntered(contract, compilation, problems, cancellationToken, known, carried);
        }
        finally
        {
            carried.Leave(contract);
        }
    }

    private static ContractSpec? ParseEntered(
        INamedTypeSymbol contract, Compilation compilation, IContractProblems problems, CancellationToken cancellationToken, KnownTypes known, CarriedContracts carried)
    {
        int before = problems.Count;
        if (contract.TypeKind != TypeKind.Interface)
        {
            problems.Report(RuleIds.NotAnInterface, NameLocation(contract), contract.Name, KindName(contract));
            return null;
        }

        // The generated file reopens the interface and its containing types: one local to another file it cannot.
        for (INamedTypeSymbol? type = contract; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                problems.Report(RuleIds.NotAnInterface, NameLocation(contract), contract.Name, ReferenceEquals(type, contract)
                    ? "a file-local interface, which the generated code (a file of its own) cannot extend"
                    : $"an interface nested in the file-local type '{type.Name}', which the generated code (a file of its own) cannot extend");
                break;
            }
        }

        if (compilation is CSharpCompilation { LanguageVersion: var version } && version < MinimumLanguageVersion)
        {
            problems.Report(RuleIds.LanguageVersionTooOld, NameLocation(contract), contract.Name,
                MinimumLanguageVersion.ToDisplayString(), version.ToDisplayString());
        }

        // An interface nested in a generic type is generic too (Outer<T>.IFoo is one type per T): it is named with its
        // containing types, so the message shows where the type parameters come from.
        if (contract.TypeParameters.Length > 0 || contract.IsGenericType)
        {
            problems.Report(RuleIds.Generic, NameLocation(contract), contract.TypeParameters.Length > 0 ? contract.Name : contract.ToDisplayString(NestedNameFormat));
        }

        // The generated members of the interface itself: one named like the interface would be CS0542.
        if (contract.Name is "Client" or "Connect" or "ServeAsync")
        {
            problems.Report(RuleIds.NameCollision, NameLocation(contract), contract.Name);
        }

        ReportIfNotPartial(contract, problems);
        var containingTypes = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = contract.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            ReportIfNotPartial(outer, problems);
            containingTypes.Insert(0, new ContainingTypeSpec(Keyword(outer), TypeNames.Identifier(outer.Name)));
        }

        foreach (INamedTypeSymbol inherited in contract.Interfaces)
        {
            problems.Report(RuleIds.MemberCannotBeRemoted, BaseTypeLocation(contract, inherited, compilation) ?? NameLocation(contract), inherited.Name,
                "a base interface (members inherited from other interfaces cannot be remoted)");
        }

        // Generated code lives inside the contract: what the contract cannot see, it cannot name.
        var classifier = new TypeClassifier(known, symbol => compilation.IsSymbolAccessibleWithin(symbol, contract), carried.Fingerprint);
        var methods = new List<(MethodSpec Spec, IMethodSymbol Symbol)>();
        foreach (ISymbol member in contract.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Accessors are checked through their property or event. What this generator declared on the contract
            // (seen when an analyzer parses a contract, or a carried contract, in a compilation that holds the
            // generated files) is not the contract's.
            if (member.IsImplicitlyDeclared || member is IMethodSymbol { AssociatedSymbol: not null } || IsGenerated(member))
            {
                continue;
            }

            if (ReservedNames.Contains(member.Name))
            {
                problems.Report(RuleIds.NameCollision, NameLocation(member), member.Name);
                continue;
            }

            if (member.IsStatic)
            {
                // A static abstract or virtual member would have to be implemented by the proxy class.
                if (member.IsAbstract || member.IsVirtual)
                {
                    problems.Report(RuleIds.MemberCannotBeRemoted, NameLocation(member), member.Name, member.IsAbstract ? "a static abstract member" : "a static virtual member");
                }

                continue;
            }

            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    if (ParseMethod(method, classifier, known, problems) is { } spec)
                    {
                        methods.Add((spec, method));
                    }

                    break;
                case IPropertySymbol { IsIndexer: true }:
                    problems.Report(RuleIds.MemberCannotBeRemoted, NameLocation(member), "this[]", "an indexer");
                    break;
                case IPropertySymbol:
                    problems.Report(RuleIds.MemberCannotBeRemoted, NameLocation(member), member.Name, "a property");
                    break;
                case IEventSymbol:
                    problems.Report(RuleIds.MemberCannotBeRemoted, NameLocation(member), member.Name, "an event");
                    break;
            }
        }

        // Wire ids follow a sorted order, so they do not depend on how declarations are spread over files. (A stable
        // sort: of two methods with the same key, the later declaration is the one reported.)
        methods = [.. methods.OrderBy(m => SortKey(m.Spec), System.StringComparer.Ordinal)];
        for (int i = 1; i < methods.Count; i++)
        {
            if (SortKey(methods[i].Spec) == SortKey(methods[i - 1].Spec))
            {
                problems.Report(RuleIds.DuplicateWireId, NameLocation(methods[i].Symbol), Signature(methods[i].Symbol), Signature(methods[i - 1].Symbol));
            }
        }

        if (methods.Count > ushort.MaxValue)
        {
            problems.Report(RuleIds.DuplicateWireId, NameLocation(contract), $"method number {ushort.MaxValue + 1} of '{contract.Name}'",
                "an earlier one (wire ids have 16 bits: a contract holds at most 65,535 methods)");
        }

        if (problems.Count != before)
        {
            return null;
        }

        var specs = methods.Select((m, index) => m.Spec with { Id = index }).ToEquatableArray();
        string contractName = TypeNames.Plain(contract);
        (ulong upper, ulong lower) = Fingerprint.Compute(CanonicalEncoding.Contract(contractName, specs));
        // As source spells them (@event.@object, @class), for the declarations the generated file reopens.
        string ns = contract.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) : "";
        return new ContractSpec(
            ns,
            TypeNames.Identifier(contract.Name),
            TypeNames.Of(contract),
            contractName,
            contractName + ".SocketPair.g.cs",
            containingTypes.ToEquatableArray(),
            specs,
            classifier.Structs.ToEquatableArray(),
            upper,
            lower,
            contract.GetMembers().Where(m => !m.IsImplicitlyDeclared && !IsGenerated(m)).Select(m => m.Name).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray());
    }

    private static MethodSpec? ParseMethod(IMethodSymbol method, TypeClassifier classifier, KnownTypes known, IContractProblems problems)
    {
        bool valid = true;
        MethodDeclarationSyntax? syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        if (!method.IsAbstract)
        {
            problems.Report(RuleIds.MemberCannotBeRemoted, NameLocation(method), method.Name, "a method with a default body");
            valid = false;
        }

        if (method.IsGenericMethod)
        {
            problems.Report(RuleIds.Generic, NameLocation(method), method.Name);
            valid = false;
        }

        Location? returnLocation = syntax?.ReturnType.GetLocation() ?? NameLocation(method);
        (MethodShape shape, ITypeSymbol? resultType, string? shapeProblem) = Shape(method, known);
        WireType? result = null;
        if (shapeProblem is not null)
        {
            string refPrefix = method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : "";
            problems.Report(RuleIds.UnsupportedReturnShape, returnLocation, method.Name, refPrefix + Display(method.ReturnType), shapeProblem);
            valid = false;
        }
        else if (resultType is not null)
        {
            result = classifier.Classify(resultType);
            if (result is null)
            {
                problems.Report(RuleIds.TypeCannotCrossTheWire, returnLocation, "The result", method.Name, Display(resultType), classifier.Explain(resultType));
                valid = false;
            }
            else if (result is DescriptorArrayWireType handles)
            {
                result = WithMaximum(handles, method.GetReturnTypeAttributes(), known, problems, returnLocation, "The result", method.Name);
                valid &= result is not null;
            }
            else if (result is BlockWireType { Container: BlockContainer.ReadOnlySpan or BlockContainer.Span })
            {
                problems.Report(RuleIds.UnsupportedReturnShape, returnLocation, method.Name, Display(method.ReturnType),
                    "a span cannot be returned (it would point into the channel's buffer); return an array or a ReadOnlyMemory<T>");
                valid = false;
            }
        }

        var parameters = new List<ParameterSpec>();
        string? cancellationTokenName = null;
        bool cancellationTokenIsOptional = false;
        int tokens = 0;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            var parameterSyntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax;
            Location? parameterLocation = parameterSyntax?.GetLocation() ?? NameLocation(parameter);
            if (KnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                tokens++;
                if (tokens > 1 || i != method.Parameters.Length - 1)
                {
                    problems.Report(RuleIds.MisplacedCancellationToken, parameterLocation, parameter.Name, method.Name,
                        tokens > 1 ? "a second CancellationToken (a method takes at most one)" : "a CancellationToken that is not the last parameter");
                    valid = false;
                }

                if (parameter.RefKind != RefKind.None)
                {
                    problems.Report(RuleIds.RefOrOutParameter, ModifierLocation(parameterSyntax) ?? parameterLocation, parameter.Name, method.Name, RefKindName(parameter.RefKind));
                    valid = false;
                }

                cancellationTokenName = TypeNames.Identifier(parameter.Name);
                cancellationTokenIsOptional = parameter.HasExplicitDefaultValue;
                continue;
            }

            string? modifier = parameter.RefKind switch
            {
                RefKind.None => parameter.IsParams ? "params " : "",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => null,
            };
            if (modifier is null)
            {
                problems.Report(RuleIds.RefOrOutParameter, ModifierLocation(parameterSyntax) ?? parameterLocation, parameter.Name, method.Name, RefKindName(parameter.RefKind));
                valid = false;
            }

            WireType? type = classifier.Classify(parameter.Type);
            if (type is null)
            {
                problems.Report(RuleIds.TypeCannotCrossTheWire, parameterSyntax?.Type?.GetLocation() ?? parameterLocation,
                    $"Parameter '{parameter.Name}'", method.Name, Display(parameter.Type), classifier.Explain(parameter.Type));
                valid = false;
                continue;
            }

            if (type is DescriptorArrayWireType handles)
            {
                if (WithMaximum(handles, parameter.GetAttributes(), known, problems, parameterLocation, $"Parameter '{parameter.Name}'", method.Name) is not { } declared)
                {
                    valid = false;
                    continue;
                }

                type = declared;
            }

            string? defaultValue = parameter.HasExplicitDefaultValue ? DefaultValues.Format(parameter.Type, parameter.ExplicitDefaultValue) : null;
            parameters.Add(new ParameterSpec(TypeNames.Identifier(parameter.Name), modifier ?? "", type, defaultValue));
        }

        if (valid)
        {
            // A frame carries at most SCM_MAX_FD descriptors: what one request or one reply may carry must fit.
            int request = parameters.Sum(p => DescriptorLimit(p.Type));
            int reply = result is null ? 0 : DescriptorLimit(result);
            foreach ((int count, string what) in new[] { (request, "arguments"), (reply, "result") })
            {
                if (count > MaxDescriptorsPerFrame)
                {
                    problems.Report(RuleIds.TooManyDescriptors, NameLocation(method), method.Name, what, count, MaxDescriptorsPerFrame);
                    valid = false;
                }
            }
        }

        return valid
            ? new MethodSpec(0, method.Name, shape, TypeNames.Of(method.ReturnType), result, parameters.ToEquatableArray(), cancellationTokenName, cancellationTokenIsOptional)
            : null;
    }

    /// <summary>The most descriptors one frame carries: the kernel's <c>SCM_MAX_FD</c>.</summary>
    public const int MaxDescriptorsPerFrame = 253;

    /// <summary>How many descriptors a value of <paramref name="type"/> may carry.</summary>
    public static int DescriptorLimit(WireType type) => type switch
    {
        DescriptorWireType => 1,
        DescriptorArrayWireType array => array.Maximum,
        _ => 0,
    };

    /// <summary>An array of handles with the maximum its <c>[MaxDescriptors]</c> declares, or null (reported) when it
    /// declares none or one out of range.</summary>
    private static DescriptorArrayWireType? WithMaximum(
        DescriptorArrayWireType array, IEnumerable<AttributeData> attributes, KnownTypes known, IContractProblems problems, Location? location, string what, string method)
    {
        AttributeData? declared = attributes.FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, known.MaxDescriptorsAttribute));
        object? value = declared is { ConstructorArguments.Length: 1 } ? declared.ConstructorArguments[0].Value : null;
        if (value is int maximum and >= 1 and <= MaxDescriptorsPerFrame)
        {
            return array with { Maximum = maximum };
        }

        problems.Report(RuleIds.MissingDescriptorMaximum, location, what, method,
            value is int other ? $"declares [MaxDescriptors({other})]; the maximum must be 1 to {MaxDescriptorsPerFrame}" : "has no [MaxDescriptors(n)]");
        return null;
    }

    private static (MethodShape Shape, ITypeSymbol? Result, string? Problem) Shape(IMethodSymbol method, KnownTypes known)
    {
        ITypeSymbol returnType = method.ReturnType;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return (MethodShape.Sync, null, "a ref return cannot point into another process");
        }

        if (method.ReturnsVoid)
        {
            return (MethodShape.Void, null, null);
        }

        if (KnownTypes.Is(returnType, known.Task))
        {
            return (MethodShape.Task, null, null);
        }

        if (KnownTypes.Is(returnType, known.ValueTask))
        {
            return (MethodShape.ValueTask, null, null);
        }

        if (KnownTypes.IsConstructedFrom(returnType, known.TaskOfT) || KnownTypes.IsConstructedFrom(returnType, known.ValueTaskOfT))
        {
            ITypeSymbol result = ((INamedTypeSymbol)returnType).TypeArguments[0];
            if (IsAwaitable(result, known))
            {
                return (MethodShape.Sync, null, "a task of a task; return the inner result instead");
            }

            return (KnownTypes.IsConstructedFrom(returnType, known.TaskOfT) ? MethodShape.TaskOfT : MethodShape.ValueTaskOfT, result, null);
        }

        if (returnType is INamedTypeSymbol { IsGenericType: true } generic
            && generic.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IAsyncEnumerable<T>")
        {
            return (MethodShape.Sync, null, "a sequence is not a value; return an array of its items");
        }

        if (IsAwaitable(returnType, known))
        {
            return (MethodShape.Sync, null, "only Task, Task<T>, ValueTask and ValueTask<T> are awaited by the channel");
        }

        return (MethodShape.Sync, returnType, null);
    }

    private static bool IsAwaitable(ITypeSymbol type, KnownTypes known) =>
        KnownTypes.Is(type, known.Task) || KnownTypes.Is(type, known.ValueTask)
        || KnownTypes.IsConstructedFrom(type, known.TaskOfT) || KnownTypes.IsConstructedFrom(type, known.ValueTaskOfT)
        || type.GetMembers("GetAwaiter").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && !m.IsStatic);

    private static void ReportIfNotPartial(INamedTypeSymbol type, IContractProblems problems)
    {
        foreach (Location location in NonPartialDeclarations(type))
        {
            problems.Report(RuleIds.NotPartial, location, type.Name);
        }
    }

    /// <summary>The identifiers of <paramref name="type"/>'s declarations that lack <c>partial</c>.</summary>
    public static IEnumerable<Location> NonPartialDeclarations(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
            .Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword))
            .Select(d => d.Identifier.GetLocation());

    /// <summary>Whether this generator declared <paramref name="member"/>: every declaration of it is in a file this
    /// generator wrote, or (a contract from a referenced assembly, seen through metadata) it carries the generator's
    /// <c>[GeneratedCode]</c>.</summary>
    private static bool IsGenerated(ISymbol member) =>
        member.DeclaringSyntaxReferences.Length > 0
            ? member.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.EndsWith(".SocketPair.g.cs", System.StringComparison.Ordinal))
            : member.GetAttributes().Any(a =>
                a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
                && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is "SocketPairGen.Generator");

    private static string SortKey(MethodSpec method) =>
        method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Modifier + p.Type.TypeName)) + ")";

    private static Location? NameLocation(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? symbol.Locations.FirstOrDefault();

    /// <summary>Where <paramref name="baseType"/> is named in <paramref name="type"/>'s base list.</summary>
    private static Location? BaseTypeLocation(INamedTypeSymbol type, INamedTypeSymbol baseType, Compilation compilation)
    {
        foreach (TypeDeclarationSyntax declaration in type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>())
        {
            if (declaration.BaseList is null)
            {
                continue;
            }

            SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
            foreach (BaseTypeSyntax baseSyntax in declaration.BaseList.Types)
            {
                if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(baseSyntax.Type).Type, baseType))
                {
                    return baseSyntax.GetLocation();
                }
            }
        }

        return null;
    }

    private static string Signature(IMethodSymbol method) =>
        method.Name + "(" + string.Join(", ", method.Parameters.Select(p => Display(p.Type))) + ")";

    private static Location? ModifierLocation(ParameterSyntax? parameter)
    {
        SyntaxToken modifier = parameter?.Modifiers.FirstOrDefault(m =>
            m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword)) ?? default;
        return modifier == default ? null : modifier.GetLocation();
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static string RefKindName(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };

    private static string KindName(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "a record struct",
        { IsRecord: true } => "a record",
        { TypeKind: TypeKind.Struct } => "a struct",
        { TypeKind: TypeKind.Enum } => "an enum",
        { TypeKind: TypeKind.Delegate } => "a delegate",
        _ => "a class",
    };

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
