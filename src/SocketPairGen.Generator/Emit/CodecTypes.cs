using System.Collections.Generic;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Names the runtime codec of every wire type (<c>ArrayCodec&lt;int, UnmanagedCodec&lt;int&gt;&gt;</c>) and writes
/// what only this contract knows: the defined values of its enums and the padding and checked fields of its structs,
/// each once, as small types the runtime codecs take as type arguments.
/// </summary>
internal sealed class CodecTypes
{
    private readonly GeneratedNames _names;
    private readonly SortedDictionary<string, string> _types = new(System.StringComparer.Ordinal);

    public CodecTypes(GeneratedNames names) => _names = names;

    /// <summary>The generated enum values and struct layouts, in a stable order.</summary>
    public IEnumerable<string> Types => _types.Values;

    /// <summary>The codec type of <paramref name="type"/>.</summary>
    public string Of(WireType type) => type switch
    {
        BlittableWireType or EnumWireType { IsFlags: true } => $"{Names.Codecs}.UnmanagedCodec<{type.TypeName}>",
        BooleanWireType => $"{Names.Codecs}.BooleanCodec",
        EnumWireType e => $"{Names.Codecs}.EnumCodec<{e.TypeName}, {EnumValues(e)}>",
        ValidatedWireType v => v.ReadMethod == "ReadDecimal" ? $"{Names.Codecs}.DecimalCodec" : $"{Names.Codecs}.DateTimeCodec",
        StringWireType { IsNullable: true } => $"{Names.Codecs}.StringCodec",
        StringWireType => $"{Names.Codecs}.NonNullStringCodec",
        BlockWireType b => $"{Names.Codecs}.{BlockCodec(b)}<{b.Element.TypeName}, {Of(b.Element)}>",
        NullableWireType n => $"{Names.Codecs}.NullableCodec<{n.Value.TypeName}, {Of(n.Value)}>",
        TupleWireType t => Tuple(t.Elements.ToList()),
        StructWireType s => $"{Names.Codecs}.StructCodec<{s.TypeName}, {StructLayout(s)}>",
        DescriptorWireType d => $"{Names.Codecs}.{(d.IsNullable ? "DescriptorCodec" : "NonNullDescriptorCodec")}<{d.HandleTypeName}, {DescriptorKindType(d)}>",
        DescriptorArrayWireType a =>
            $"{Names.Codecs}.{(a.IsNullable ? "DescriptorArrayCodec" : "NonNullDescriptorArrayCodec")}<{ArgumentsType.TypeArgument(a.Element)}, {Of(a.Element)}>",
        _ => throw new System.InvalidOperationException("No codec for " + type),
    };

    /// <summary>The runtime type that says how a handle maps to a descriptor.</summary>
    private static string DescriptorKindType(DescriptorWireType handle) => handle.Kind switch
    {
        DescriptorKind.FileHandle => $"{Names.Codecs}.FileHandleKind",
        DescriptorKind.Socket => $"{Names.Codecs}.SocketKind",
        DescriptorKind.SocketHandle => $"{Names.Codecs}.SocketHandleKind",
        _ => $"{Names.Codecs}.ChannelEndKind<{handle.ContractTypeName}>",
    };

    /// <summary>An expression reading one <paramref name="type"/> with <c>reader</c>.</summary>
    public string Read(WireType type) => $"{Of(type)}.Read(ref reader)" + (IsOblivious(type) ? "!" : "");

    /// <summary>
    /// Whether <paramref name="type"/> is a string or an array that cannot be null: the proxy rejects a null argument
    /// with <see cref="System.ArgumentNullException"/>, the server a null result with an error reply, and readers the
    /// null marker. Memories and spans are never null; nullable-oblivious types may be.
    /// </summary>
    public static bool CannotBeNull(WireType? type) =>
        type is StringWireType { IsNullable: false } or BlockWireType { Container: BlockContainer.Array, IsNullable: false }
            or DescriptorWireType { IsNullable: false } or DescriptorArrayWireType { IsNullable: false };

    /// <summary>Whether <paramref name="type"/> can be a frame's trailer: a block copied as one run of bytes.</summary>
    public static bool IsTrailerCandidate(WireType type) => type is BlockWireType { IsBlockCopy: true };

    /// <summary>A string or an array declared where nullable annotations are off: null is accepted for it, as for a
    /// nullable one, but its declared type has no '?', so reading it says '!', and code that pairs it with its
    /// (nullable) codec runs without nullable warnings.</summary>
    public static bool IsOblivious(WireType type) =>
        type is StringWireType { IsNullable: true } or BlockWireType { IsNullable: true }
            or DescriptorWireType { IsNullable: true } or DescriptorArrayWireType { IsNullable: true }
        && !type.TypeName.EndsWith("?", System.StringComparison.Ordinal);

    /// <summary>Writes <paramref name="statement"/>, without nullable warnings when <paramref name="type"/> is oblivious.</summary>
    public static void Statement(SourceWriter w, WireType? type, string statement)
    {
        bool oblivious = type is not null && IsOblivious(type);
        if (oblivious)
        {
            w.Line("#nullable disable warnings // declared where nullable annotations are off: its codec accepts null");
        }

        w.Line(statement);
        if (oblivious)
        {
            w.Line("#nullable restore warnings");
        }
    }

    /// <summary>
    /// A tuple's codec. C# stores a tuple of more than seven elements as <c>ValueTuple&lt;T1, …, T7, TRest&gt;</c>, the
    /// others in <c>TRest</c>: its codec takes the first seven, then the rest's type (a one-element rest has no tuple
    /// syntax) and codec.
    /// </summary>
    private string Tuple(IReadOnlyList<WireType> elements)
    {
        var first = elements.Take(7).Select(e => e.TypeName + ", " + Of(e));
        if (elements.Count <= 7)
        {
            return $"{Names.Codecs}.TupleCodec<{string.Join(", ", first)}>";
        }

        var rest = elements.Skip(7).ToList();
        string restType = rest.Count == 1 ? $"global::System.ValueTuple<{rest[0].TypeName}>" : $"({string.Join(", ", rest.Select(e => e.TypeName))})";
        return $"{Names.Codecs}.TupleCodec<{string.Join(", ", first)}, {restType}, {Tuple(rest)}>";
    }

    private static string BlockCodec(BlockWireType b) => b.Container switch
    {
        BlockContainer.Array when b.IsNullable => "ArrayCodec",
        BlockContainer.Array => "NonNullArrayCodec",
        BlockContainer.ReadOnlyMemory => "ReadOnlyMemoryCodec",
        BlockContainer.Memory => "MemoryCodec",
        BlockContainer.ReadOnlySpan => "ReadOnlySpanCodec",
        _ => "SpanCodec",
    };

    private string EnumValues(EnumWireType e)
    {
        string name = _names.ForType(e.TypeName, "Values");
        if (!_types.ContainsKey(name))
        {
            string values = e.DefinedValues.Count == 0 ? "false" : $"({e.UnderlyingTypeName})value is {string.Join(" or ", e.DefinedValues)}";
            _types[name] = $$"""
                /// <summary>The values of <c>{{Plain(e.TypeName)}}</c> a peer may send.</summary>
                internal readonly struct {{name}} : {{Names.Codecs}}.IEnumValues<{{e.TypeName}}>
                {
                    public static bool IsDefined({{e.TypeName}} value) => {{values}};
                }
                """;
        }

        return _names.Qualified + "." + name;
    }

    private string StructLayout(StructWireType s)
    {
        string name = _names.ForType(s.TypeName, "Layout");
        if (_types.ContainsKey(name))
        {
            return _names.Qualified + "." + name;
        }

        _types[name] = ""; // the name is taken before the checks name their own types
        var w = new SourceWriter();
        w.Line($"/// <summary>The padding of <c>{Plain(s.TypeName)}</c> and the fields a receiver checks.</summary>");
        w.Open($"internal readonly struct {name} : {Names.Codecs}.IStructLayout<{s.TypeName}>");
        w.Open($"public static void PrepareToSend({Names.Span} bytes)");
        foreach (ByteRange padding in s.Padding)
        {
            w.Line($"bytes.Slice({padding.Offset}, {padding.Length}).Clear();");
        }

        foreach (NullableField field in s.NullableFields)
        {
            w.Line($"{Names.StructBytes}.ClearAbsentValue(bytes, {field.HasValueOffset}, {field.ValueOffset}, {field.ValueSize});");
        }

        // Managed code can get a bool or an enum wrong (native code, an unsafe cast), never a decimal or a DateTime.
        foreach (FieldCheck check in s.Checks.Where(c => c.Type is not ValidatedWireType))
        {
            EmitCheck(w, s, check, "CheckSending");
        }

        w.Close();
        w.Line();
        w.Open($"public static void CheckReceived({Names.ReadOnlySpan} bytes)");
        foreach (FieldCheck check in s.Checks)
        {
            EmitCheck(w, s, check, "CheckReceived");
        }

        foreach (NullableField field in s.NullableFields)
        {
            w.Line($"{Names.StructBytes}.CheckAbsentValue(bytes, {field.HasValueOffset}, {field.ValueOffset}, {field.ValueSize}, \"{Plain(s.TypeName)}.{field.Path}\");");
        }

        w.Close();
        w.Close();
        _types[name] = w.ToString().TrimEnd('\n');
        return _names.Qualified + "." + name;
    }

    private void EmitCheck(SourceWriter w, StructWireType s, FieldCheck check, string method)
    {
        string call = check.Type switch
        {
            BooleanWireType => $"{Names.Codecs}.BooleanCodec.{method}",
            EnumWireType e => $"{Names.Codecs}.EnumCodec<{e.TypeName}, {EnumValues(e)}>.{method}",
            ValidatedWireType v => v.ReadMethod == "ReadDecimal" ? $"{Names.StructBytes}.CheckDecimal" : $"{Names.StructBytes}.CheckDateTime",
            _ => throw new System.InvalidOperationException("No check for " + check.Type),
        };
        string statement = $"{call}(bytes, {check.Offset}, \"{Plain(s.TypeName)}.{check.Path}\");";
        if (check.ConditionOffset >= 0)
        {
            // The value of a nullable field: checked only when it is present.
            w.Open($"if (bytes[{check.ConditionOffset}] != 0)").Line(statement).Close();
        }
        else
        {
            w.Line(statement);
        }
    }

    public static string Plain(string typeName) => typeName.Replace("global::", "");
}
