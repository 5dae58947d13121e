using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// Computes the memory layout of an unmanaged struct the way the runtime does on 64-bit platforms: sequential
/// layout puts each field at the next offset aligned to min(its alignment, Pack) and rounds the size up to the
/// largest alignment (at least <c>StructLayout.Size</c>); explicit layout takes the <c>FieldOffset</c>s. Auto
/// layout (the runtime may reorder fields) has no layout to rely on. The generated code checks the size and every
/// field's offset against the runtime's at start-up, so a disagreement fails loudly instead of corrupting values.
/// </summary>
internal static class StructLayouts
{
    private const int LayoutSequential = 0;
    private const int LayoutExplicit = 2;
    private const int LayoutAuto = 3;

    public static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>The struct's layout, and where each of its own fields lies (for the start-up check).</summary>
    public static ValueLayout? Compute(INamedTypeSymbol type, TypeClassifier classifier, KnownTypes known, out IReadOnlyList<(IFieldSymbol Field, int Offset)> placedFields)
    {
        placedFields = [];
        (int kind, int pack, int minimumSize) = ReadStructLayout(type, known);
        if (kind == LayoutAuto)
        {
            return null;
        }

        // Reference assemblies of the framework replace a struct's private fields with a placeholder
        // (_dummyPrimitive, _dummy): the real layout is not visible, so the struct cannot be sent as its bytes.
        IFieldSymbol[] instanceFields = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToArray();
        if (type.Locations.All(l => l.IsInMetadata) && instanceFields.Any(f => f.Name is "_dummyPrimitive" or "_dummy"))
        {
            return null;
        }

        // An [InlineArray(n)] struct declares one field that the runtime repeats n times: it is laid out, sent and
        // checked as that field n times over, like a fixed-size buffer.
        int inlineLength = InlineArrayLength(type, known);
        if (inlineLength > 0 && (kind == LayoutExplicit || instanceFields.Length != 1))
        {
            return null;
        }

        var fields = new List<(IFieldSymbol Field, int Offset, ValueLayout Layout, int Size)>();
        int offset = 0;
        int alignment = 1;
        foreach (IFieldSymbol field in instanceFields)
        {
            (ValueLayout? element, int count) = field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer
                ? (classifier.Layout(pointer.PointedAtType), field.FixedSize)
                : (classifier.Layout(field.Type), inlineLength > 0 ? inlineLength : 1);
            if (element is null)
            {
                return null;
            }

            int fieldAlignment = pack > 0 ? System.Math.Min(element.Alignment, pack) : element.Alignment;
            int fieldOffset;
            if (kind == LayoutExplicit)
            {
                int? explicitOffset = ReadFieldOffset(field, known);
                if (explicitOffset is null)
                {
                    return null;
                }

                fieldOffset = explicitOffset.Value;
            }
            else
            {
                fieldOffset = AlignUp(offset, fieldAlignment);
            }

            int fieldSize = element.Size * count;
            fields.Add((field, fieldOffset, element, fieldSize));
            offset = System.Math.Max(offset, fieldOffset + fieldSize);
            alignment = System.Math.Max(alignment, fieldAlignment);
        }

        int size = System.Math.Max(AlignUp(System.Math.Max(offset, 1), alignment), minimumSize);
        string typeName = TypeNames.Of(type);
        // Fields by the name a person knows them by (an auto-property's, not its backing field's): both sides read the
        // bytes through these names, so they are part of what the bytes mean.
        string description = CanonicalEncoding.Struct(size, fields.Select(f => (
            f.Field.AssociatedSymbol?.Name ?? f.Field.Name,
            f.Offset,
            f.Size,
            f.Field.IsFixedSizeBuffer ? CanonicalEncoding.FixedBuffer(f.Layout.Description, f.Field.FixedSize) : f.Layout.Description)));

        var checks = new List<FieldCheck>();
        // Like the checks, and for the same reason: in a union the other field's bytes are valid whatever they are.
        var nullableFields = new List<NullableField>();
        var covered = new bool[size];
        foreach (var (field, fieldOffset, element, fieldSize) in fields)
        {
            for (int i = fieldOffset; i < fieldOffset + fieldSize && i < size; i++)
            {
                covered[i] = true;
            }
        }

        var padding = new List<ByteRange>();
        foreach (var (field, fieldOffset, element, fieldSize) in fields)
        {
            // Overlapping fields (unions) are valid in any of their interpretations: no checks there.
            bool overlaps = fields.Any(other => !SymbolEqualityComparer.Default.Equals(other.Field, field)
                && other.Offset < fieldOffset + fieldSize && fieldOffset < other.Offset + other.Size);
            int elementCount = element.Size == 0 ? 0 : fieldSize / element.Size;
            // Auto-property backing fields are named for their property in messages.
            string name = field.AssociatedSymbol?.Name ?? field.Name;
            for (int i = 0; i < elementCount; i++)
            {
                string path = elementCount > 1 ? $"{name}[{i}]" : name;
                int elementOffset = fieldOffset + (i * element.Size);
                if (!overlaps)
                {
                    checks.AddRange(element.Checks.Select(c => Shift(c, elementOffset, path)));
                    nullableFields.AddRange(element.NullableFields.Select(n => Shift(n, elementOffset, path)));
                }

                // A nested struct's own padding is padding here too (unless another field covers it).
                padding.AddRange(element.Padding.Select(p => new ByteRange(elementOffset + p.Offset, p.Length)));
            }
        }

        padding.AddRange(Gaps(covered));
        var merged = Merge(padding, covered, fields.Select(f => (f.Offset, f.Size)).ToList());
        // A nullable field has a has-value byte to check, so a struct holding one is never blittable.
        WireType wireType = merged.Count == 0 && checks.Count == 0
            ? new BlittableWireType(typeName, size, description)
            : new StructWireType(typeName, size, merged.ToEquatableArray(), checks.ToEquatableArray(), description)
            {
                NullableFields = nullableFields.ToEquatableArray(),
            };
        var layout = new ValueLayout(size, alignment, wireType, description);
        layout.Padding.AddRange(merged);
        layout.Checks.AddRange(checks);
        layout.NullableFields.AddRange(nullableFields);
        placedFields = [.. fields.Select(f => (f.Field, f.Offset))];
        return layout;
    }

    /// <summary>Adds <paramref name="inner"/>'s padding, checks and nullable fields to <paramref name="outer"/>, shifted
    /// by <paramref name="offset"/>.</summary>
    public static void AddShifted(ValueLayout outer, ValueLayout inner, int offset, string path, int conditionOffset = -1)
    {
        outer.Padding.AddRange(inner.Padding.Select(p => new ByteRange(offset + p.Offset, p.Length)));
        outer.Checks.AddRange(inner.Checks.Select(c =>
        {
            FieldCheck shifted = Shift(c, offset, path);
            return shifted.ConditionOffset < 0 && conditionOffset >= 0 ? shifted with { ConditionOffset = conditionOffset } : shifted;
        }));
        // An inner nullable inside an absent outer one is all zeros, so its own check holds without a condition.
        outer.NullableFields.AddRange(inner.NullableFields.Select(n => Shift(n, offset, path)));
    }

    private static FieldCheck Shift(FieldCheck check, int offset, string path) =>
        new(offset + check.Offset, Join(path, check.Path), check.Type, check.ConditionOffset < 0 ? -1 : offset + check.ConditionOffset);

    private static NullableField Shift(NullableField field, int offset, string path) =>
        new(offset + field.HasValueOffset, offset + field.ValueOffset, field.ValueSize, Join(path, field.Path));

    private static string Join(string path, string inner) => inner.Length == 0 ? path : path + "." + inner;

    private static IEnumerable<ByteRange> Gaps(bool[] covered)
    {
        int start = -1;
        for (int i = 0; i <= covered.Length; i++)
        {
            bool gap = i < covered.Length && !covered[i];
            if (gap && start < 0)
            {
                start = i;
            }
            else if (!gap && start >= 0)
            {
                yield return new ByteRange(start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>Merges padding runs into sorted, disjoint ranges, dropping bytes that an overlapping field covers
    /// (a nested struct's padding under another field of a union is that field's data).</summary>
    private static List<ByteRange> Merge(List<ByteRange> ranges, bool[] covered, List<(int Offset, int Size)> fields)
    {
        var isPadding = new bool[covered.Length];
        foreach (ByteRange range in ranges)
        {
            for (int i = range.Offset; i < range.Offset + range.Length && i < isPadding.Length; i++)
            {
                // Padding inside a field counts only if no other field also covers the byte.
                int coveringFields = fields.Count(f => f.Offset <= i && i < f.Offset + f.Size);
                isPadding[i] = !covered[i] || coveringFields <= 1;
            }
        }

        return Gaps(isPadding.Select(p => !p).ToArray()).ToList();
    }

    private static (int Kind, int Pack, int Size) ReadStructLayout(INamedTypeSymbol type, KnownTypes known)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (!KnownTypes.Is(attribute.AttributeClass, known.StructLayoutAttribute) || attribute.ConstructorArguments.Length != 1)
            {
                continue;
            }

            int kind = System.Convert.ToInt32(attribute.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture);
            int pack = 0;
            int size = 0;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Pack" && argument.Value.Value is int packValue)
                {
                    pack = packValue;
                }
                else if (argument.Key == "Size" && argument.Value.Value is int sizeValue)
                {
                    size = sizeValue;
                }
            }

            return (kind, pack, size);
        }

        return (LayoutSequential, 0, 0);
    }

    /// <summary>The length of an <c>[InlineArray(n)]</c> struct, 0 for any other struct.</summary>
    public static int InlineArrayLength(INamedTypeSymbol type, KnownTypes known) =>
        type.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, known.InlineArrayAttribute))
            is { ConstructorArguments.Length: 1 } attribute && attribute.ConstructorArguments[0].Value is int length && length > 0 ? length : 0;

    private static int? ReadFieldOffset(IFieldSymbol field, KnownTypes known)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, known.FieldOffsetAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int offset)
            {
                return offset;
            }
        }

        return null;
    }
}
