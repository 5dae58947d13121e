using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether a descriptor written somewhere is only copied into memory the method keeps to itself: a field of a struct
/// local (<c>pfd.fd = fd</c>, <c>ev.data.fd = fd</c>, <c>control.fds[0] = fd</c>), of a struct being initialised
/// into one (<c>new pollfd { fd = fd }</c>), or of an element of a <c>stackalloc</c> buffer (<c>fds[0].fd = fd</c>).
/// Such memory dies with the method: the copy owns nothing, and the descriptor still needs its close.
/// </summary>
/// <remarks>
/// The memory counts as the method's own only while the method can see everything done with the part that holds the
/// descriptor: the struct (or buffer) may be written, passed to libc functions (by value, by reference or by address,
/// <c>poll(&amp;pfd, 1, t)</c>, <c>sendmsg(s, new IntPtr(&amp;msg), 0)</c>), have its address stored into another such
/// struct (<c>msg.msg_control = &amp;control</c>), and have its other fields read; the part holding the descriptor may
/// only be compared or given to libc. Copied whole into another variable, passed to any other method, returned,
/// stored in a field, captured by a lambda: the copy may be an owner after all, and the write is not followed.
/// </remarks>
internal static class ScratchStorage
{
    private const int MaxDepth = 4;

    /// <summary>A step into a struct's storage: a field, or any element of a buffer (all elements alike).</summary>
    private static readonly object AnyElement = new();

    /// <summary>Whether the write to <paramref name="target"/> copies the value into memory the method keeps to itself.</summary>
    public static bool IsCopy(IOperation target) => Contained(target, [], 0);

    /// <summary>
    /// Whether the storage <paramref name="target"/> designates, followed by <paramref name="below"/> (the steps into
    /// it that hold the value), stays within the method.
    /// </summary>
    private static bool Contained(IOperation target, List<object> below, int depth)
    {
        if (depth > MaxDepth || Steps(target, out IOperation root) is not { } steps)
        {
            return false;
        }

        steps.AddRange(below);
        switch (root)
        {
            case ILocalReferenceOperation { Local: { IsRef: false } local } when steps.Count > 0 && IsOwnMemory(local):
                return LocalStays(local, root, steps, depth);
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver
                when InitializedObject(receiver) is { Type.IsValueType: true } creation
                    && SymbolEqualityComparer.Default.Equals(creation.Type, receiver.Type):
                return ValueStays(creation, steps, depth);
            default:
                return false;
        }
    }

    /// <summary>
    /// The steps from the storage's root to <paramref name="target"/> (fields of structs, buffer elements), and the
    /// root; null when the path leaves the method's own memory (a field of a class, a pointer from elsewhere).
    /// </summary>
    private static List<object>? Steps(IOperation target, out IOperation root)
    {
        var steps = new List<object>();
        IOperation? current = DescriptorPlace.Unwrap(target);
        while (true)
        {
            switch (current)
            {
                case IFieldReferenceOperation { Instance: { } instance } field when instance.Type is { IsValueType: true } || IsElementAccess(instance):
                    steps.Insert(0, field.Field);
                    current = instance;
                    continue;
                case IPropertyReferenceOperation { Instance: { Type.IsValueType: true } instance, Property: { } property } when IsAutoProperty(property):
                    steps.Insert(0, property);
                    current = instance;
                    continue;
                case { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax }:
                    // A pointer or fixed-buffer element: fds[0], control.fds[i].
                    steps.Insert(0, AnyElement);
                    current = FirstChild(current);
                    if (current is IFieldReferenceOperation { Field.IsFixedSizeBuffer: true, Instance: { Type.IsValueType: true } owner } buffer)
                    {
                        steps.Insert(0, buffer.Field);
                        current = owner;
                    }

                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span } when IsSpan(span.Type):
                    steps.Insert(0, AnyElement);
                    current = span;
                    continue;
                case IArrayElementReferenceOperation element:
                    steps.Insert(0, AnyElement);
                    current = element.ArrayReference;
                    continue;
            }

            root = current!;
            return current is null ? null : steps;
        }
    }

    /// <summary>
    /// Memory a local holds by itself: a struct local, or a pointer, span or array local whose declaration allocates
    /// its buffer (<c>stackalloc</c>, <c>new T[n]</c>).
    /// </summary>
    private static bool IsOwnMemory(ILocalSymbol local)
    {
        if (local.Type.IsValueType && local.Type.TypeKind == TypeKind.Struct && !IsSpan(local.Type))
        {
            return true;
        }

        return local.Type is IPointerTypeSymbol or IArrayTypeSymbol || IsSpan(local.Type)
            ? local.DeclaringSyntaxReferences.Length == 1
                && local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax
                {
                    Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax },
                    Initializer.Value: StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax
                        or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax,
                }
            : false;
    }

    /// <summary>Whether everything the method does with <paramref name="local"/> keeps the part at <paramref name="held"/> in the method.</summary>
    private static bool LocalStays(ILocalSymbol local, IOperation anyReference, List<object> held, int depth)
    {
        bool buffer = local.Type is IPointerTypeSymbol or IArrayTypeSymbol || IsSpan(local.Type);
        foreach (IOperation operation in MethodOperations.Of(DescriptorPlace.Root(anyReference)))
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (DescriptorReferences.InNestedFunction(reference.Syntax))
            {
                return false;
            }

            (IOperation access, List<object> path) = Access(reference);
            if (buffer && path.Count == 0)
            {
                // The buffer itself: only given to libc, which reads or fills it, or measured.
                if (!IsLibcArgument(access) && DescriptorRelease.Outermost(access).Parent is not IPropertyReferenceOperation { Property.Name: "Length" })
                {
                    return false;
                }

                continue;
            }

            if (!UseStays(access, Overlaps(path, held), depth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the struct value <paramref name="creation"/> initialises goes only where <see cref="Contained"/> allows.</summary>
    private static bool ValueStays(IOperation creation, List<object> held, int depth)
    {
        IOperation value = DescriptorRelease.Outermost(creation);
        switch (value.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { IsRef: false } local } declarator } when IsOwnMemory(local):
                return LocalStays(local, declarator, held, depth + 1);
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                return Contained(assignment.Target, held, depth + 1);
            case IArgumentOperation { Parent: IInvocationOperation call } when LibcCall.FunctionName(call) is not null:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether one use of the struct (or of a part of it, <paramref name="access"/>) keeps the descriptor in the method:
    /// a write, an argument to libc, the address handed to libc or into another such struct, or a read of a part that
    /// does not hold the descriptor (<paramref name="holdsDescriptor"/>) or only compares it.
    /// </summary>
    private static bool UseStays(IOperation access, bool holdsDescriptor, int depth)
    {
        IOperation value = DescriptorRelease.Outermost(access);
        switch (value.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == value:
            case ICompoundAssignmentOperation compound when compound.Target == value:
            case IIncrementOrDecrementOperation:
                return true;
            case IAddressOfOperation address:
                return AddressStays(address, depth);
            case IArgumentOperation { Parent: IInvocationOperation call } when LibcCall.FunctionName(call) is not null:
                return true;
            case var parent when !holdsDescriptor:
                // Another part read: the copy of it holds no descriptor, wherever it goes.
                return parent is not IArgumentOperation { Parameter.RefKind: not RefKind.None };
            case IBinaryOperation or IIsPatternOperation:
                // Compared (pfd.fd == wake), or masked: a number derived from it, not the descriptor handed on.
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether the address <paramref name="address"/> only goes to libc or into a struct that stays in the method.</summary>
    private static bool AddressStays(IOperation address, int depth)
    {
        IOperation value = DescriptorRelease.Outermost(address);
        while (value.Parent is IArgumentOperation { Parent: IObjectCreationOperation { Type.SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr } pointer })
        {
            value = DescriptorRelease.Outermost(pointer); // new IntPtr(&msg)
        }

        return value.Parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation call } => LibcCall.FunctionName(call) is not null,
            ISimpleAssignmentOperation assignment when assignment.Value == value => Contained(assignment.Target, [], depth + 1),
            _ => false,
        };
    }

    /// <summary>The outermost storage access built on <paramref name="reference"/> (fields, elements), and its steps.</summary>
    private static (IOperation Access, List<object> Path) Access(IOperation reference)
    {
        var path = new List<object>();
        IOperation current = reference;
        while (true)
        {
            IOperation outer = DescriptorRelease.Outermost(current);
            switch (outer.Parent)
            {
                case IFieldReferenceOperation field when field.Instance == outer:
                    path.Add(field.Field);
                    current = field;
                    continue;
                case IPropertyReferenceOperation property when property.Instance == outer
                    && (property.Property.IsIndexer ? IsSpan(outer.Type) : IsAutoProperty(property.Property)):
                    path.Add(property.Property.IsIndexer ? AnyElement : property.Property);
                    current = property;
                    continue;
                case IArrayElementReferenceOperation element when element.ArrayReference == outer:
                    path.Add(AnyElement);
                    current = element;
                    continue;
                case { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax } element when FirstChild(element) == outer:
                    path.Add(AnyElement);
                    current = element;
                    continue;
            }

            return (current, path);
        }
    }

    /// <summary>
    /// Whether two paths into one struct may designate overlapping memory: one is a prefix of the other, or they part
    /// at two fields of a struct with explicit layout (a union such as <c>epoll_data</c>).
    /// </summary>
    private static bool Overlaps(List<object> read, List<object> held)
    {
        for (int i = 0; i < read.Count && i < held.Count; i++)
        {
            if (ReferenceEquals(read[i], AnyElement) || ReferenceEquals(held[i], AnyElement))
            {
                if (!ReferenceEquals(read[i], held[i]))
                {
                    return true;
                }

                continue;
            }

            if (!SymbolEqualityComparer.Default.Equals((ISymbol)read[i], (ISymbol)held[i]))
            {
                return ((ISymbol)read[i]).ContainingType is { } type && HasExplicitLayout(type);
            }
        }

        return true;
    }

    private static bool HasExplicitLayout(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "StructLayoutAttribute" }
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is int kind
                && kind == (int)System.Runtime.InteropServices.LayoutKind.Explicit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The object being initialised by the object initializer <paramref name="receiver"/> belongs to.</summary>
    private static IObjectCreationOperation? InitializedObject(IOperation receiver)
    {
        for (IOperation? parent = receiver.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
            {
                return creation;
            }
        }

        return null;
    }

    /// <summary>
    /// A property that keeps its value in the struct as a field would: an auto-property in source, or a member of one of
    /// Tmds.LibC's interop structs (<c>pollfd.fd</c>, <c>msghdr.msg_control</c>). That package declares its struct
    /// members as properties whose accessors only convert and store; a consumer's compiler sees only their metadata.
    /// </summary>
    private static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.SetMethod is not { } setter)
        {
            return false;
        }

        return setter.DeclaringSyntaxReferences.Length switch
        {
            1 => setter.DeclaringSyntaxReferences[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null },
            0 => IsTmdsLibCStruct(property.ContainingType),
            _ => false,
        };
    }

    private static bool IsTmdsLibCStruct(INamedTypeSymbol type) =>
        type is { TypeKind: TypeKind.Struct, ContainingAssembly.Name: "Tmds.LibC", ContainingNamespace: { Name: "Linux", ContainingNamespace: { Name: "Tmds", ContainingNamespace.IsGlobalNamespace: true } } };

    private static bool IsSpan(ITypeSymbol? type) => DescriptorPlace.IsSpan(type);

    private static bool IsLibcArgument(IOperation operation) =>
        DescriptorRelease.Outermost(operation).Parent is IArgumentOperation { Parent: IInvocationOperation call } && LibcCall.FunctionName(call) is not null;

    private static bool IsElementAccess(IOperation operation) =>
        operation is { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax };

    private static IOperation? FirstChild(IOperation operation)
    {
        foreach (IOperation child in operation.ChildOperations)
        {
            return child;
        }

        return null;
    }
}
