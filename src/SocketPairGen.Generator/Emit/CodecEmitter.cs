using System.Collections.Generic;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Writes the code that puts values on the wire and reads them back. Simple values are one call on the
/// <c>WireWriter</c>/<c>WireReader</c>; the rest get a helper method in the generated <c>Codec</c> class, emitted
/// once per type. Readers validate everything (bools, enums, decimal, DateTime, counts, null markers, absent
/// values) before trusting it; writers put nothing on the wire a reader would reject.
/// </summary>
internal sealed class CodecEmitter
{
    private readonly SortedDictionary<string, string> _helpers = new(System.StringComparer.Ordinal);

    /// <summary>The helper methods collected while emitting, in a stable order.</summary>
    public IEnumerable<string> Helpers => _helpers.Values;

    /// <summary>A statement writing <paramref name="value"/> with <c>writer</c>.</summary>
    public string Write(WireType type, string value) => type switch
    {
        BlittableWireType or ValidatedWireType => $"writer.Write<{type.TypeName}>({value});",
        BooleanWireType => $"writer.WriteBoolean({value});",
        EnumWireType { IsFlags: true } e => $"writer.Write<{e.UnderlyingTypeName}>(({e.UnderlyingTypeName}){value});",
        StringWireType => $"writer.WriteString({value});",
        _ => $"Codec.{WriteHelper(type)}(ref writer, {value});",
    };

    /// <summary>An expression reading one value with <c>reader</c>.</summary>
    public string Read(WireType type) => type switch
    {
        BlittableWireType => $"reader.Read<{type.TypeName}>()",
        ValidatedWireType v => $"reader.{v.ReadMethod}()",
        BooleanWireType => "reader.ReadBoolean()",
        EnumWireType { IsFlags: true } e => $"({e.TypeName})reader.Read<{e.UnderlyingTypeName}>()",

        // A nullable-oblivious string or array (declared in #nullable disable code) may be null on the wire, but its
        // declared type has no '?': the generated code, nullable-enabled, says so with '!'.
        StringWireType when IsOblivious(type) => "reader.ReadString()!",
        StringWireType { IsNullable: true } => "reader.ReadString()",
        StringWireType => "reader.ReadNonNullString()",
        BlockWireType when IsOblivious(type) => $"Codec.{ReadHelper(type)}(ref reader)!",
        _ => $"Codec.{ReadHelper(type)}(ref reader)",
    };

    /// <summary>
    /// Whether <paramref name="type"/> is a string or an array that cannot be null: the proxy rejects a null argument
    /// with <see cref="System.ArgumentNullException"/>, the dispatcher a null result with an error reply, and readers
    /// the null marker. Memories and spans are never null; nullable-oblivious types may be.
    /// </summary>
    public static bool CannotBeNull(WireType? type) =>
        type is StringWireType { IsNullable: false } or BlockWireType { Container: BlockContainer.Array, IsNullable: false };

    /// <summary>Whether <paramref name="type"/> is a string or an array declared where nullable annotations are off:
    /// null is accepted for it, as for a nullable one.</summary>
    private static bool IsOblivious(WireType type) =>
        type is StringWireType { IsNullable: true } or BlockWireType { IsNullable: true }
        && !type.TypeName.EndsWith("?", System.StringComparison.Ordinal);

    /// <summary>An expression for the wire size of a variable-size value (strings and blocks); for a block sent
    /// as the trailer, only its count is inline.</summary>
    public static string Measure(WireType type, string value, bool asTrailer) => type switch
    {
        StringWireType => $"{Names.WireWriter}.MeasureString({value})",
        BlockWireType when asTrailer => "4",
        BlockWireType { IsNullable: true } b => $"({value} is null ? 4 : 4 + ({value}.Length * {b.Element.FixedSize}))",
        BlockWireType b => $"(4 + ({value}.Length * {b.Element.FixedSize}))",
        _ => type.FixedSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>For a block sent as the trailer: the statement writing its count inline, and the trailer's bytes.</summary>
    public static (string CountStatement, string TrailerExpression) Trailer(BlockWireType block, string value)
    {
        string span = block.Container switch
        {
            BlockContainer.Array => $"new global::System.ReadOnlySpan<{block.Element.TypeName}>({value})",
            BlockContainer.ReadOnlyMemory or BlockContainer.Memory => $"{value}.Span",
            _ => value,
        };
        string count = block.IsNullable ? $"({value} is null ? -1 : {value}.Length)" : $"{value}.Length";
        return ($"writer.Write<int>({count});", $"{Names.MemoryMarshal}.AsBytes({span})");
    }

    /// <summary>Whether <paramref name="type"/> can be the trailer: a block copied as one run of bytes.</summary>
    public static bool IsTrailerCandidate(WireType type) => type is BlockWireType { IsBlockCopy: true };

    private string WriteHelper(WireType type)
    {
        string name = "Write_" + type.Id;
        if (_helpers.ContainsKey("W:" + name))
        {
            return name;
        }

        var w = new SourceWriter();
        switch (type)
        {
            case EnumWireType e:
                // A value the enum does not define would make the peer close the channel: refuse it here instead.
                w.Open($"internal static void {name}(ref {Names.WireWriter} writer, {e.TypeName} value)");
                w.Line($"{e.UnderlyingTypeName} raw = ({e.UnderlyingTypeName})value;");
                w.Open($"if (!{IsDefined(e)}(raw))")
                    .Line($"throw {Names.WireValidation}.UnsendableEnum(\"{Plain(e.TypeName)}\", raw.ToString({Names.Culture}));")
                    .Close();
                w.Line($"writer.Write<{e.UnderlyingTypeName}>(raw);");
                break;
            case NullableWireType n:
                w.Open($"internal static void {name}(ref {Names.WireWriter} writer, {n.TypeName} value)");
                w.Line("writer.WriteBoolean(value.HasValue);");
                w.Open("if (value.HasValue)").Line(Write(n.Value, "value.GetValueOrDefault()")).Close();
                w.Open("else");
                w.Line("// An absent value travels as zeros, whatever bytes the nullable holds behind HasValue.");
                w.Line($"writer.Reserve({n.Value.FixedSize}).Clear();");
                w.Close();
                break;
            case TupleWireType t:
                w.Open($"internal static void {name}(ref {Names.WireWriter} writer, in {t.TypeName} value)");
                for (int i = 0; i < t.Elements.Count; i++)
                {
                    w.Line(Write(t.Elements[i], $"value.Item{i + 1}"));
                }

                break;
            case StructWireType s:
                w.Open($"internal static void {name}(ref {Names.WireWriter} writer, in {s.TypeName} value)");
                w.Line($"{Names.Span} bytes = writer.Reserve({s.Size});");
                w.Line($"{Names.Unsafe}.WriteUnaligned(ref {Names.MemoryMarshal}.GetReference(bytes), value);");
                if (s.Padding.Count > 0)
                {
                    w.Line("// Padding would carry whatever this process's memory held there: clear it.");
                }

                foreach (ByteRange padding in s.Padding)
                {
                    w.Line($"bytes.Slice({padding.Offset}, {padding.Length}).Clear();");
                }

                if (s.NullableFields.Count > 0)
                {
                    w.Line("// An absent value travels as zeros, whatever bytes the field holds behind its has-value byte.");
                }

                foreach (NullableField field in s.NullableFields)
                {
                    w.Open($"if (bytes[{field.HasValueOffset}] == 0)").Line($"bytes.Slice({field.ValueOffset}, {field.ValueSize}).Clear();").Close();
                }

                // The fields the reader checks that managed code can get wrong (an undefined enum value, a bool set
                // through native code or an unsafe cast): refused here rather than closing the channel there.
                foreach (FieldCheck check in s.Checks)
                {
                    EmitCheck(w, s, check, sending: true);
                }

                break;
            case BlockWireType b:
                w.Open($"internal static void {name}(ref {Names.WireWriter} writer, {ParameterType(b)} value)");
                if (b.IsNullable)
                {
                    w.Open("if (value is null)").Line("writer.Write<int>(-1);").Line("return;").Close().Line();
                }

                string span = b.Container is BlockContainer.ReadOnlyMemory or BlockContainer.Memory ? "value.Span" : "value";
                if (b.IsBlockCopy)
                {
                    w.Line($"writer.WriteSpan<{b.Element.TypeName}>({span});");
                }
                else
                {
                    w.Line($"global::System.ReadOnlySpan<{b.Element.TypeName}> elements = {span};");
                    w.Line("writer.Write<int>(elements.Length);");
                    w.Open($"foreach ({b.Element.TypeName} element in elements)").Line(Write(b.Element, "element")).Close();
                }

                break;
            default:
                throw new System.InvalidOperationException("No write helper for " + type);
        }

        w.Close();
        _helpers["W:" + name] = w.ToString();
        return name;
    }

    private string ReadHelper(WireType type)
    {
        string name = "Read_" + type.Id;
        if (_helpers.ContainsKey("R:" + name))
        {
            return name;
        }

        _helpers["R:" + name] = ""; // reserve the name before recursing into element types
        string returnType = type is BlockWireType block ? ReadResultType(block) : type.TypeName;
        var w = new SourceWriter();
        w.Open($"internal static {returnType} {name}(ref {Names.WireReader} reader)");
        switch (type)
        {
            case EnumWireType e:
                w.Line($"{e.UnderlyingTypeName} raw = reader.Read<{e.UnderlyingTypeName}>();");
                w.Open($"if (!{IsDefined(e)}(raw))")
                    .Line($"throw {Names.WireValidation}.UndefinedEnum(\"{Plain(e.TypeName)}\", raw.ToString({Names.Culture}));")
                    .Close();
                w.Line($"return ({e.TypeName})raw;");
                break;
            case NullableWireType n:
                w.Open("if (!reader.ReadBoolean())");
                w.Line("// An absent value travels as zeros: anything else did not come from a well-behaved peer.");
                w.Line($"{Names.WireValidation}.CheckAbsentValue(reader.ReadRaw({n.Value.FixedSize}), \"{Plain(n.TypeName)}\");");
                w.Line("return null;");
                w.Close();
                w.Line();
                w.Line($"return {Read(n.Value)};");
                break;
            case TupleWireType t:
                for (int i = 0; i < t.Elements.Count; i++)
                {
                    w.Line($"{t.Elements[i].TypeName} item{i + 1} = {Read(t.Elements[i])};");
                }

                w.Line($"return ({string.Join(", ", Enumerable.Range(1, t.Elements.Count).Select(i => "item" + i))});");
                break;
            case StructWireType s:
                w.Line($"{Names.ReadOnlySpan} bytes = reader.ReadRaw({s.Size});");
                foreach (FieldCheck check in s.Checks)
                {
                    EmitCheck(w, s, check, sending: false);
                }

                foreach (NullableField field in s.NullableFields)
                {
                    w.Open($"if (bytes[{field.HasValueOffset}] == 0)")
                        .Line($"{Names.WireValidation}.CheckAbsentValue(bytes.Slice({field.ValueOffset}, {field.ValueSize}), \"{Plain(s.TypeName)}.{field.Path}\");")
                        .Close();
                }

                w.Line($"return {Names.Unsafe}.ReadUnaligned<{s.TypeName}>(ref {Names.MemoryMarshal}.GetReference(bytes));");
                break;
            case BlockWireType b:
                EmitBlockRead(w, b);
                break;
            default:
                throw new System.InvalidOperationException("No read helper for " + type);
        }

        w.Close();
        _helpers["R:" + name] = w.ToString();
        return name;
    }

    private void EmitBlockRead(SourceWriter w, BlockWireType b)
    {
        if (b.IsBlockCopy && b.IsNullable)
        {
            w.Line($"global::System.ReadOnlySpan<{b.Element.TypeName}> elements = reader.ReadSpan<{b.Element.TypeName}>(out bool isNull);");
            w.Line("return isNull ? null : elements.ToArray();");
            return;
        }

        if (b.IsBlockCopy)
        {
            w.Line($"return reader.ReadNonNullSpan<{b.Element.TypeName}>().ToArray();");
            return;
        }

        if (b.IsNullable)
        {
            w.Line($"int count = reader.ReadCount({b.Element.FixedSize});");
            w.Open("if (count == -1)").Line("return null;").Close();
        }
        else
        {
            w.Line($"int count = reader.ReadNonNullCount({b.Element.FixedSize});");
        }

        w.Line($"var elements = new {b.Element.TypeName}[count];");
        w.Open("for (int i = 0; i < elements.Length; i++)").Line($"elements[i] = {Read(b.Element)};").Close();
        w.Line("return elements;");
    }

    /// <summary>One field check of a struct's bytes: on receipt (a protocol error), or before sending (an argument
    /// error; decimal and DateTime are skipped there: managed code cannot make an invalid one).</summary>
    private void EmitCheck(SourceWriter w, StructWireType s, FieldCheck check, bool sending)
    {
        if (sending && check.Type is ValidatedWireType)
        {
            return;
        }

        if (check.ConditionOffset >= 0)
        {
            // The value of a nullable field: checked only when it is present.
            w.Open($"if (bytes[{check.ConditionOffset}] != 0)");
            EmitCheck(w, s, check with { ConditionOffset = -1 }, sending);
            w.Close();
            return;
        }

        string path = Plain(s.TypeName) + "." + check.Path;
        switch (check.Type)
        {
            case BooleanWireType:
                w.Open($"if (bytes[{check.Offset}] > 1)")
                    .Line($"throw {Names.WireValidation}.{(sending ? "UnsendableBoolean" : "InvalidBoolean")}(\"{path}\", bytes[{check.Offset}]);")
                    .Close();
                break;
            case EnumWireType e:
                w.Open();
                w.Line($"{e.UnderlyingTypeName} raw = {Names.Unsafe}.ReadUnaligned<{e.UnderlyingTypeName}>(in bytes[{check.Offset}]);");
                w.Open($"if (!{IsDefined(e)}(raw))")
                    .Line($"throw {Names.WireValidation}.{(sending ? "UnsendableEnum" : "UndefinedEnum")}(\"{path}\", raw.ToString({Names.Culture}));")
                    .Close();
                w.Close();
                break;
            case ValidatedWireType v:
                string method = v.ReadMethod == "ReadDecimal" ? "CheckDecimal" : "CheckDateTime";
                w.Line($"{Names.WireValidation}.{method}(bytes.Slice({check.Offset}, {v.Size}), \"{path}\");");
                break;
        }
    }

    /// <summary>
    /// The name of a helper that checks, at start-up, that the runtime lays out a struct with the size and field
    /// offsets the generator computed. Fields are reached through <c>UnsafeAccessor</c>, which sees private fields
    /// too (the generator counted them), in any assembly, without reflection.
    /// </summary>
    public string CheckLayout(StructLayoutSpec layout)
    {
        string name = "CheckLayout_" + WireType.IdFor(layout.TypeName);
        var w = new SourceWriter();
        w.Open($"internal static void {name}()");
        w.Line($"{Names.WireValidation}.CheckLayout<{layout.TypeName}>({layout.Size});");
        if (layout.Fields.Count > 0)
        {
            w.Line($"{layout.TypeName} value = default;");
        }

        for (int i = 0; i < layout.Fields.Count; i++)
        {
            FieldOffsetSpec field = layout.Fields[i];
            w.Line($"{Names.WireValidation}.CheckFieldOffset(ref value, ref Field{i}(ref value), {Literal(field.DisplayName)}, {field.Offset});");
        }

        for (int i = 0; i < layout.Fields.Count; i++)
        {
            FieldOffsetSpec field = layout.Fields[i];
            w.Line();
            w.Line($"[{Names.UnsafeAccessor}({Names.UnsafeAccessorKind}.Field, Name = {Literal(field.Name)})]");
            w.Line($"static extern ref {field.TypeName} Field{i}(ref {layout.TypeName} instance);");
        }

        w.Close();
        _helpers["L:" + name] = w.ToString();
        return name;
    }

    /// <summary>The name of a helper telling whether a raw value is one the enum defines.</summary>
    private string IsDefined(EnumWireType e)
    {
        string name = "IsDefined_" + e.Id;
        if (!_helpers.ContainsKey("D:" + name))
        {
            string values = e.DefinedValues.Count == 0 ? "false" : $"value is {string.Join(" or ", e.DefinedValues)}";
            _helpers["D:" + name] = $"internal static bool {name}({e.UnderlyingTypeName} value) => {values};\n";
        }

        return "Codec." + name;
    }

    /// <summary>What a block read helper returns: an array, which converts to every container.</summary>
    private static string ReadResultType(BlockWireType b) => b.IsNullable ? $"{b.Element.TypeName}[]?" : $"{b.Element.TypeName}[]";

    private static string ParameterType(BlockWireType b) => b.Container switch
    {
        BlockContainer.ReadOnlySpan or BlockContainer.Span => $"global::System.ReadOnlySpan<{b.Element.TypeName}>",
        _ => b.TypeName,
    };

    private static string Plain(string typeName) => typeName.Replace("global::", "");

    /// <summary>A C# string literal of a name from metadata, which another language may have spelled with any character.</summary>
    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
