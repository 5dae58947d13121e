using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// Decides how a parameter or result type crosses the wire, or that it cannot (null). Fixed-size values get
/// their memory layout (<see cref="ValueLayout"/>), so structs of them can be sent as their bytes.
/// </summary>
internal sealed class TypeClassifier
{
    private readonly KnownTypes _known;
    private readonly System.Func<ISymbol, bool> _canName;
    private readonly System.Func<INamedTypeSymbol, string?> _channelFingerprint;
    private readonly Dictionary<ITypeSymbol, ValueLayout?> _layouts = new(SymbolEqualityComparer.Default);
    private readonly List<StructLayoutSpec> _userStructs = [];

    /// <param name="known">The framework types the classifier recognizes.</param>
    /// <param name="canName">Whether the generated code can name a type (it is accessible from the contract); by
    /// default every type. Structs it cannot name get no start-up layout check.</param>
    /// <param name="channelFingerprint">What the fingerprint says of a contract whose channel ends cross the wire, or
    /// null when the type is not a contract that can be carried (<see cref="CarriedContracts"/>); by default none can.</param>
    public TypeClassifier(KnownTypes known, System.Func<ISymbol, bool>? canName = null, System.Func<INamedTypeSymbol, string?>? channelFingerprint = null)
    {
        _known = known;
        _canName = canName ?? (static _ => true);
        _channelFingerprint = channelFingerprint ?? (static _ => null);
    }

    /// <summary>User structs met so far (they travel as their bytes) that the generated code can name, with their
    /// computed sizes and field offsets.</summary>
    public IEnumerable<StructLayoutSpec> Structs => _userStructs.OrderBy(s => s.TypeName, System.StringComparer.Ordinal);

    /// <summary>The wire type of a parameter or result, or null when it cannot cross the wire.</summary>
    public WireType? Classify(ITypeSymbol type)
    {
        if (Descriptor(type) is { } descriptor)
        {
            return descriptor;
        }

        if (type is IArrayTypeSymbol { IsSZArray: true } handles && Descriptor(handles.ElementType) is { } handle)
        {
            // The maximum is the parameter's or the result's [MaxDescriptors], which the parser reads.
            return new DescriptorArrayWireType(TypeNames.Of(type), handle, type.NullableAnnotation != NullableAnnotation.NotAnnotated, Maximum: 0);
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            // Declared where nullable annotations are off, a string may be null, as an array there may.
            bool nullable = type.NullableAnnotation != NullableAnnotation.NotAnnotated;
            return new StringWireType(TypeNames.Of(type), nullable);
        }

        if (type is IArrayTypeSymbol { IsSZArray: true } array)
        {
            return Block(type, BlockContainer.Array, array.ElementType, nullable: true);
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic)
        {
            ITypeSymbol element = generic.TypeArguments[0];
            if (KnownTypes.IsConstructedFrom(type, _known.ReadOnlyMemory))
            {
                return Block(type, BlockContainer.ReadOnlyMemory, element, nullable: false);
            }

            if (KnownTypes.IsConstructedFrom(type, _known.Memory))
            {
                return Block(type, BlockContainer.Memory, element, nullable: false);
            }

            if (KnownTypes.IsConstructedFrom(type, _known.ReadOnlySpan))
            {
                return Block(type, BlockContainer.ReadOnlySpan, element, nullable: false);
            }

            if (KnownTypes.IsConstructedFrom(type, _known.Span))
            {
                return Block(type, BlockContainer.Span, element, nullable: false);
            }
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            var elements = new List<WireType>();
            foreach (IFieldSymbol element in tuple.TupleElements)
            {
                // Tuples are auto-layout structs: sent element by element, each element a fixed-size value.
                if (Classify(element.Type) is not { FixedSize: >= 0 } elementType)
                {
                    return null;
                }

                elements.Add(elementType);
            }

            return new TupleWireType(TypeNames.Of(type), elements.ToEquatableArray());
        }

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol nullableType)
        {
            return Classify(nullableType.TypeArguments[0]) is { FixedSize: >= 0 } value
                ? new NullableWireType(TypeNames.Of(type), value)
                : null;
        }

        return Layout(type)?.WireType;
    }

    /// <summary>A handle type that travels as a descriptor, or null.</summary>
    private DescriptorWireType? Descriptor(ITypeSymbol type)
    {
        (DescriptorKind kind, string? contract, string? fingerprint) handle;
        if (KnownTypes.Is(type.WithNullableAnnotation(NullableAnnotation.None), _known.SafeFileHandle))
        {
            handle = (DescriptorKind.FileHandle, null, null);
        }
        else if (KnownTypes.Is(type.WithNullableAnnotation(NullableAnnotation.None), _known.Socket))
        {
            handle = (DescriptorKind.Socket, null, null);
        }
        else if (KnownTypes.Is(type.WithNullableAnnotation(NullableAnnotation.None), _known.SafeSocketHandle))
        {
            handle = (DescriptorKind.SocketHandle, null, null);
        }
        else if (KnownTypes.IsConstructedFrom(type, _known.ChannelEnd)
            && ((INamedTypeSymbol)type).TypeArguments[0] is INamedTypeSymbol contract
            && _channelFingerprint(contract) is { } carried)
        {
            handle = (DescriptorKind.ChannelEnd, TypeNames.Of(contract.WithNullableAnnotation(NullableAnnotation.None)), carried);
        }
        else
        {
            return null;
        }

        return new DescriptorWireType(
            TypeNames.Of(type),
            TypeNames.Of(type.WithNullableAnnotation(NullableAnnotation.None)),
            handle.kind,
            type.NullableAnnotation != NullableAnnotation.NotAnnotated,
            handle.contract,
            handle.fingerprint);
    }

    /// <summary>Why <paramref name="type"/> cannot cross the wire, in a phrase for a diagnostic message.</summary>
    public string Explain(ITypeSymbol type)
    {
        if (KnownTypes.IsConstructedFrom(type, _known.ChannelEnd))
        {
            return $"the contract of a channel end ({((INamedTypeSymbol)type).TypeArguments[0].ToDisplayString()}) must be a valid [SocketPairChannel] interface";
        }

        if (IsHandle(type) || (type is INamedTypeSymbol { IsGenericType: true } container && container.TypeArguments.Any(IsHandle))
            || (type is IArrayTypeSymbol { ElementType: var elementType } && (IsHandle(elementType) || elementType is IArrayTypeSymbol { ElementType: var inner } && IsHandle(inner))))
        {
            return "a handle travels only as a parameter, a result, or an element of a single array of handles";
        }

        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "a pointer means nothing in another process";
            case IArrayTypeSymbol { IsSZArray: false }:
                return "only single-dimensional arrays are supported";
            case IArrayTypeSymbol array:
                return $"its elements ({array.ElementType.ToDisplayString()}) {ElementProblem(array.ElementType)}";
            case ITypeParameterSymbol:
                return "a type parameter's layout is not known at compile time";
            case INamedTypeSymbol { IsTupleType: true } tuple:
                foreach (IFieldSymbol element in tuple.TupleElements)
                {
                    if (Classify(element.Type) is not { FixedSize: >= 0 })
                    {
                        return $"its element {element.Name} ({element.Type.ToDisplayString()}) is not a fixed-size value";
                    }
                }

                return "a value tuple inside a struct has no fixed layout (tuples are laid out automatically)";
            case INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic when IsBlockContainer(generic):
                return $"its elements ({generic.TypeArguments[0].ToDisplayString()}) {ElementProblem(generic.TypeArguments[0])}";
            case INamedTypeSymbol nullable when nullable.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return Explain(nullable.TypeArguments[0]);
            case { IsReferenceType: true }:
                return "it is a reference type; only values (primitives, enums, unmanaged structs), strings and arrays or memories of unmanaged values travel";
            case INamedTypeSymbol { TypeKind: TypeKind.Struct } structType:
                return ExplainStruct(structType);
        }

        return "it is not one of the supported types";
    }

    private bool IsHandle(ITypeSymbol type) =>
        KnownTypes.Is(type.WithNullableAnnotation(NullableAnnotation.None), _known.SafeFileHandle)
        || KnownTypes.Is(type.WithNullableAnnotation(NullableAnnotation.None), _known.Socket)
        || KnownTypes.Is(type.WithNullableAnnotation(NullableAnnotation.None), _known.SafeSocketHandle)
        || KnownTypes.IsConstructedFrom(type, _known.ChannelEnd);

    private string ElementProblem(ITypeSymbol element) => element switch
    {
        IArrayTypeSymbol => "are arrays: only one level of array travels (use a single array and a length per row)",
        { IsReferenceType: true } => "are references: the elements of a block must be fixed-size unmanaged values",
        _ => "are not fixed-size unmanaged values: " + Explain(element),
    };

    private bool IsBlockContainer(INamedTypeSymbol type) =>
        KnownTypes.IsConstructedFrom(type, _known.ReadOnlyMemory) || KnownTypes.IsConstructedFrom(type, _known.Memory)
        || KnownTypes.IsConstructedFrom(type, _known.ReadOnlySpan) || KnownTypes.IsConstructedFrom(type, _known.Span);

    private string ExplainStruct(INamedTypeSymbol type)
    {
        if (type.IsGenericType)
        {
            return "generic structs are not supported";
        }

        if (!type.IsUnmanagedType)
        {
            IFieldSymbol? field = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic && !f.Type.IsUnmanagedType);
            string name = field?.AssociatedSymbol?.Name ?? field?.Name ?? "?";
            return field is null
                ? "it is not an unmanaged struct"
                : $"its field {name} has type {field.Type.ToDisplayString()}, which holds a reference";
        }

        if (type.ContainingNamespace?.ToDisplayString() == "System")
        {
            return $"{type.Name} is not one of the supported framework types";
        }

        if (type.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.StructLayoutAttribute)
            && a.ConstructorArguments.Length == 1 && System.Convert.ToInt32(a.ConstructorArguments[0].Value, CultureInfo.InvariantCulture) == 3))
        {
            return "it has LayoutKind.Auto, so the runtime may reorder its fields";
        }

        if (type.Locations.All(l => l.IsInMetadata) && type.GetMembers().OfType<IFieldSymbol>().Any(f => f.Name is "_dummyPrimitive" or "_dummy"))
        {
            return "its reference assembly hides its fields, so its layout is not known at compile time";
        }

        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            ITypeSymbol fieldType = field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer ? pointer.PointedAtType : field.Type;
            if (Layout(fieldType) is null)
            {
                return $"its field {field.AssociatedSymbol?.Name ?? field.Name} ({fieldType.ToDisplayString()}) has no fixed layout: {Explain(fieldType)}";
            }
        }

        return "its layout could not be determined";
    }

    private BlockWireType? Block(ITypeSymbol type, BlockContainer container, ITypeSymbol element, bool nullable)
    {
        // Elements are fixed-size values with a memory layout (no tuples: they may be reordered in memory).
        ValueLayout? layout = Layout(element);
        return layout is null ? null : new BlockWireType(TypeNames.Of(type), container, layout.WireType, nullable && type.NullableAnnotation != NullableAnnotation.NotAnnotated);
    }

    /// <summary>The memory layout of a fixed-size value, or null when it has none we can rely on.</summary>
    public ValueLayout? Layout(ITypeSymbol type)
    {
        if (_layouts.TryGetValue(type, out ValueLayout? known))
        {
            return known;
        }

        _layouts[type] = null; // guards against cycles while computing
        ValueLayout? layout = ComputeLayout(type);
        _layouts[type] = layout;
        return layout;
    }

    private ValueLayout? ComputeLayout(ITypeSymbol type)
    {
        string name = TypeNames.Of(type);
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return ValueLayout.Checked(new BooleanWireType(), 1, 1, CanonicalEncoding.Scalars.Boolean);
            case SpecialType.System_SByte:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.SByte, 1, 1);
            case SpecialType.System_Byte:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Byte, 1, 1);
            case SpecialType.System_Int16:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Int16, 2, 2);
            case SpecialType.System_UInt16:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.UInt16, 2, 2);
            case SpecialType.System_Char:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Char, 2, 2);
            case SpecialType.System_Int32:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Int32, 4, 4);
            case SpecialType.System_UInt32:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.UInt32, 4, 4);
            case SpecialType.System_Single:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Single, 4, 4);
            case SpecialType.System_Int64:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Int64, 8, 8);
            case SpecialType.System_UInt64:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.UInt64, 8, 8);
            case SpecialType.System_Double:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Double, 8, 8);
            case SpecialType.System_IntPtr:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.NInt, 8, 8);
            case SpecialType.System_UIntPtr:
                return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.NUInt, 8, 8);
            case SpecialType.System_Decimal:
                return ValueLayout.Checked(new ValidatedWireType(name, 16, "ReadDecimal", CanonicalEncoding.Scalars.Decimal), 16, 8, CanonicalEncoding.Scalars.Decimal);
            case SpecialType.System_DateTime:
                return ValueLayout.Checked(new ValidatedWireType(name, 8, "ReadDateTime", CanonicalEncoding.Scalars.DateTime), 8, 8, CanonicalEncoding.Scalars.DateTime);
        }

        if (KnownTypes.Is(type, _known.Guid))
        {
            return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Guid, 16, 4);
        }

        if (KnownTypes.Is(type, _known.TimeSpan))
        {
            return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.TimeSpan, 8, 8);
        }

        if (KnownTypes.Is(type, _known.Int128))
        {
            return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Int128, 16, 16);
        }

        if (KnownTypes.Is(type, _known.UInt128))
        {
            return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.UInt128, 16, 16);
        }

        if (KnownTypes.Is(type, _known.Half))
        {
            return ValueLayout.Blittable(name, CanonicalEncoding.Scalars.Half, 2, 2);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
        {
            return EnumLayout(enumType, underlying);
        }

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol nullable)
        {
            return NullableLayout(nullable);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct, IsUnmanagedType: true, IsTupleType: false, IsGenericType: false } structType
            && structType.ContainingNamespace?.ToDisplayString() != "System")
        {
            ValueLayout? layout = StructLayouts.Compute(structType, this, _known, out IReadOnlyList<(IFieldSymbol Field, int Offset)> fields);
            if (layout is not null && _canName(structType))
            {
                _userStructs.Add(new StructLayoutSpec(name, layout.Size, fields.Where(f => CanReach(f.Field)).Select(f => new FieldOffsetSpec(
                    f.Field.Name, f.Field.AssociatedSymbol?.Name ?? f.Field.Name, TypeNames.Of(f.Field.Type), f.Offset)).ToEquatableArray()));
            }

            return layout;
        }

        return null;
    }

    /// <summary>Whether generated code can reach a field by name and type: a fixed-size buffer's type is one the
    /// compiler made up, and a field's type may be private to its struct.</summary>
    private bool CanReach(IFieldSymbol field) => !field.IsFixedSizeBuffer && _canName(field.Type);

    private ValueLayout? EnumLayout(INamedTypeSymbol enumType, INamedTypeSymbol underlying)
    {
        ValueLayout? underlyingLayout = ComputeLayout(underlying);
        if (underlyingLayout is null)
        {
            return null;
        }

        bool isFlags = enumType.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.FlagsAttribute));
        var members = enumType.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.HasConstantValue && f.ConstantValue is not null)
            .Select(f => (f.Name, Value: System.Convert.ToDecimal(f.ConstantValue, CultureInfo.InvariantCulture)))
            .ToList();
        var values = members.Select(m => m.Value)
            .Distinct()
            .OrderBy(v => v)
            .Select(v => v.ToString(CultureInfo.InvariantCulture))
            .ToEquatableArray();
        string underlyingName = TypeNames.Of(underlying);
        string description = CanonicalEncoding.Enum(underlyingLayout.Description, isFlags, members);
        var wireType = new EnumWireType(TypeNames.Of(enumType), underlyingName, underlyingLayout.Size, isFlags, values, description);
        return isFlags
            ? new ValueLayout(underlyingLayout.Size, underlyingLayout.Alignment, wireType, description)
            : ValueLayout.Checked(wireType, underlyingLayout.Size, underlyingLayout.Alignment, description);
    }

    /// <summary><c>Nullable&lt;T&gt;</c> in memory: a bool, then T at T's alignment.</summary>
    private ValueLayout? NullableLayout(INamedTypeSymbol nullable)
    {
        ValueLayout? value = Layout(nullable.TypeArguments[0]);
        if (value is null)
        {
            return null;
        }

        int valueOffset = StructLayouts.AlignUp(1, value.Alignment);
        int size = StructLayouts.AlignUp(valueOffset + value.Size, value.Alignment);
        var wireType = new NullableWireType(TypeNames.Of(nullable), value.WireType);
        var layout = new ValueLayout(size, value.Alignment, wireType, CanonicalEncoding.NullableInMemory(valueOffset, value.Description));
        layout.Checks.Add(new FieldCheck(0, "HasValue", new BooleanWireType()));
        layout.NullableFields.Add(new NullableField(0, valueOffset, value.Size, ""));
        if (valueOffset > 1)
        {
            layout.Padding.Add(new ByteRange(1, valueOffset - 1));
        }

        StructLayouts.AddShifted(layout, value, valueOffset, "Value", conditionOffset: 0);
        if (size > valueOffset + value.Size)
        {
            layout.Padding.Add(new ByteRange(valueOffset + value.Size, size - valueOffset - value.Size));
        }

        return layout;
    }
}
