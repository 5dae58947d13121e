using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// The calls SPG0011 follows, as one compilation knows them, and what each creates: <c>SocketPair.Create()</c>,
/// <c>ChannelEnd&lt;T&gt;.CreatePair()</c>, <c>ChildProcess.Start(...)</c>, <c>ChildProcess.OpenInheritedSocket()</c>,
/// a channel's generated <c>IFoo.Connect(...)</c>, and a call of a generated client that returns a descriptor.
/// </summary>
internal sealed class DisposableCreators
{
    /// <summary>A type as its short name, without the <c>?</c> of a nullable result.</summary>
    private static readonly SymbolDisplayFormat TypeFormat =
        SymbolDisplayFormat.MinimallyQualifiedFormat.RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly INamedTypeSymbol _socketPair;
    private readonly INamedTypeSymbol? _childProcess;
    private readonly ChannelTypes? _channels;
    private readonly INamedTypeSymbol?[] _tasks;

    private DisposableCreators(INamedTypeSymbol socketPair, Compilation compilation)
    {
        _socketPair = socketPair;
        _childProcess = compilation.GetTypeByMetadataName("SocketPairGen.ChildProcess");
        _channels = ChannelTypes.For(compilation);
        _tasks =
        [
            compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1"),
            compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1"),
        ];
    }

    /// <summary>The creators of <paramref name="compilation"/>; null when it does not reference SocketPairGen.</summary>
    public static DisposableCreators? For(Compilation compilation) =>
        compilation.GetTypeByMetadataName("SocketPairGen.SocketPair") is { } socketPair ? new DisposableCreators(socketPair, compilation) : null;

    /// <summary>What a call of <paramref name="method"/> creates; null when it is none of the calls followed.</summary>
    public Creation? Describe(IMethodSymbol method) => method.IsStatic ? OfStatic(method) : OfClientCall(method);

    private Creation? OfStatic(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(type, _socketPair))
        {
            return method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ReturnType, _socketPair)
                ? new Creation("SocketPair", Created.SocketPair)
                : null;
        }

        if (_childProcess is not null && SymbolEqualityComparer.Default.Equals(type, _childProcess))
        {
            return method switch
            {
                { Name: "Start", DeclaredAccessibility: Accessibility.Public } when SymbolEqualityComparer.Default.Equals(method.ReturnType, _childProcess)
                    => new Creation("ChildProcess", Created.Owner),
                { Name: "OpenInheritedSocket" } => new Creation("Socket", Created.Owner),
                _ => null,
            };
        }

        if (_channels is null)
        {
            return null;
        }

        if (method.Name == "CreatePair" && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _channels.ChannelEnd))
        {
            return new Creation(type.ToDisplayString(TypeFormat) + " pair", Created.ChannelEnds);
        }

        return method.Name == "Connect"
            && type.TypeKind == TypeKind.Interface
            && method.ReturnType is INamedTypeSymbol { Name: "Client", TypeKind: TypeKind.Class } client
            && SymbolEqualityComparer.Default.Equals(client.ContainingType, type)
            && _channels.IsContract(type)
                ? new Creation(type.Name + ".Client", Created.Owner)
                : null;
    }

    /// <summary>
    /// A call of a contract's method, on the contract or on its generated <c>Client</c>, that returns one descriptor
    /// (or a task of one): the caller owns the copy the kernel made for it. An array of them is not followed.
    /// </summary>
    private Creation? OfClientCall(IMethodSymbol method)
    {
        if (_channels is null || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        // The result's type first: most calls return no descriptor, and the contract lookup is dearer.
        bool awaited = method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task && IsTask(task);
        ITypeSymbol result = awaited ? ((INamedTypeSymbol)method.ReturnType).TypeArguments[0] : method.ReturnType;
        if (!_channels.IsHandle(result) || ContractMethod(method) is not { } contractMethod)
        {
            return null;
        }

        string what = $"{result.ToDisplayString(TypeFormat)} (the result of '{contractMethod.ContainingType.Name}.{contractMethod.Name}')";
        return new Creation(what, Created.Handle, awaited);
    }

    /// <summary>
    /// The contract's method a call reaches through the channel: <paramref name="method"/> itself when it is an
    /// abstract method of a contract, or the one it implements when it is a method of the contract's nested
    /// <c>Client</c> class (the generated client). Null for anything else, a server's own methods included.
    /// </summary>
    private IMethodSymbol? ContractMethod(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (type.TypeKind == TypeKind.Interface)
        {
            return method.IsAbstract && _channels!.IsContract(type) ? method : null;
        }

        if (type is not { TypeKind: TypeKind.Class, Name: "Client", ContainingType: { TypeKind: TypeKind.Interface } contract }
            || !_channels!.IsContract(contract))
        {
            return null;
        }

        foreach (ISymbol member in contract.GetMembers(method.Name))
        {
            if (member is IMethodSymbol { IsStatic: false, IsAbstract: true } contractMethod
                && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(contractMethod), method))
            {
                return contractMethod;
            }
        }

        return null;
    }

    private bool IsTask(INamedTypeSymbol type)
    {
        foreach (INamedTypeSymbol? task in _tasks)
        {
            if (task is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, task))
            {
                return true;
            }
        }

        return false;
    }
}
